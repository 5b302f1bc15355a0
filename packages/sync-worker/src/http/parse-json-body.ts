import type { z } from 'zod';
import { ApiError } from './api-error.js';

/**
 * Reads a request's JSON body and validates it with `schema`.
 *
 * @throws ApiError `unsupported_media_type` (415) unless the body is declared as JSON,
 * `invalid_json` (400) when it does not parse, `validation_failed` (400, with the issues in
 * `details`) when it does not match the schema.
 */
export async function parseJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new ApiError('unsupported_media_type', 'Send the body as application/json');
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError('invalid_json', 'The body is not valid JSON');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ApiError(
      'validation_failed',
      'The body does not match the expected shape',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}
