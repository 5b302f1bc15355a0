import * as z from 'zod';
import type { AuthorizeStore, StoreGrant } from '../config/sync-worker-options.js';
import { ApiError } from '../http/api-error.js';
import type { SessionClaims } from './session-claims.js';

/**
 * What an app's `authorizeStore` may answer. Checked at run time: worker files are often plain
 * JavaScript or return untyped rows, and a lax answer (`{}`, `true`, `{ role: undefined }`)
 * must not open a store. The role travels to the Durable Object in a header, hence the bound.
 */
const storeGrant = z.object({
  role: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9:_-]+$/),
  readOnly: z.boolean().optional(),
});

/**
 * Asks the app's hook about a well-formed store id, failing closed on anything but a grant or
 * a refusal.
 *
 * @throws ApiError `forbidden_store` (403) when the hook refuses (`undefined`/`null`), an
 * ApiError the hook threw as it is, `authorization_unavailable` (503) for any other throw,
 * `misconfigured` (500) for an answer that is neither.
 */
export async function askAuthorizeStore(
  authorizeStore: AuthorizeStore,
  request: { session: SessionClaims; storeId: string; env: object },
): Promise<StoreGrant> {
  let answer: unknown;
  try {
    answer = await authorizeStore({ ...request, env: request.env as Record<string, unknown> });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    console.error(
      JSON.stringify({ level: 'error', event: 'authorize_store_failed', error: String(error) }),
    );
    throw new ApiError('authorization_unavailable', 'Access to this store could not be decided');
  }
  if (answer === undefined || answer === null) {
    throw new ApiError('forbidden_store', 'This session may not open that store');
  }
  const grant = storeGrant.safeParse(answer);
  if (!grant.success) {
    throw new ApiError(
      'misconfigured',
      'authorizeStore answered neither a grant ({ role, readOnly? }) nor undefined',
    );
  }
  const { role, readOnly } = grant.data;
  return readOnly === undefined ? { role } : { role, readOnly };
}
