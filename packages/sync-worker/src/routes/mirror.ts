import type { Context } from 'hono';
import type { AuthenticatedAppEnv } from '../app-env.js';
import { isStoreAdmin } from '../auth/store-access.js';
import { failure, type StoreResult, unwrap } from '../durable-object/store-result.js';
import { ApiError } from '../http/api-error.js';
import type { MirrorStatus } from '../turso/store-mirror.js';
import { store } from './store-stub.js';

type StoreContext = Context<AuthenticatedAppEnv>;

/**
 * What non-admins see instead of the database's own error text, which can name hosts, tables,
 * SQL and the database's internals: that something failed, not why.
 */
export const HIDDEN_FLUSH_ERROR = 'Writing to Turso failed; a store admin can see why';
export const HIDDEN_PULL_ERROR = 'Reading from Turso failed; a store admin can see why';

/**
 * `GET /stores/:storeId/status`: how far Turso is behind the store (`pendingRows`,
 * `lastFlushedAt`, `lastError`, …), or `{ "mirror": "disabled" }` without a database. The raw
 * error messages (`lastError`, `lastPullError`) go to store admins only; other roles get a
 * fixed text in their place, so they still see that the mirror is failing.
 */
export async function mirrorStatus(c: StoreContext) {
  const status = await store(c).mirrorStatus();
  const shown = isStoreAdmin(c.var.storeAccess) ? status : withoutErrorText(status);
  return c.json({ storeId: c.var.storeAccess.storeId, ...shown });
}

/**
 * `POST /stores/:storeId/pull`: a backend that wrote Turso directly asks for its changes to
 * reach the store now rather than at the next poll. Answers what was applied or refused.
 * A pull writes the store, so read-only sessions may not ask for one: 403 `read_only`.
 * 409 `mirror_disabled` without a database, 503 `database_unavailable` when Turso is down
 * (with the database's error for store admins only).
 */
export async function pullFromMirror(c: StoreContext) {
  const { readOnly, role } = c.var.storeAccess;
  if (readOnly) throw new ApiError('read_only', `Role ${role} may not pull changes into the store`);
  const result = await store(c).pullFromMirror();
  return c.json(unwrap(isStoreAdmin({ role }) ? result : withoutDatabaseCause(result)));
}

function withoutErrorText(status: MirrorStatus): MirrorStatus {
  if (status.mirror === 'disabled') return status;
  return {
    ...status,
    lastError: status.lastError === null ? null : HIDDEN_FLUSH_ERROR,
    lastPullError: status.lastPullError === null ? null : HIDDEN_PULL_ERROR,
  };
}

function withoutDatabaseCause<T>(result: StoreResult<T>): StoreResult<T> {
  return !result.ok && result.error.code === 'database_unavailable'
    ? failure('database_unavailable', HIDDEN_PULL_ERROR)
    : result;
}
