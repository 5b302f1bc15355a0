import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable, documented error codes of the HTTP API, with their status. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  token_missing: 401,
  token_invalid: 401,
  token_expired: 401,
  token_not_yet_valid: 401,
  forbidden_store: 403,
  read_only: 403,
  not_found: 404,
  row_exists: 409,
  mirror_disabled: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upgrade_required: 426,
  rate_limited: 429,
  too_many_connections: 429,
  internal_error: 500,
  misconfigured: 500,
  database_unavailable: 503,
  authorization_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ApiErrorCode = keyof typeof ERROR_STATUS;

/** An error the API answers with `{ "error": { "code", "message" } }` and the code's status. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}
