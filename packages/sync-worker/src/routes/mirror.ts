import type { Context } from 'hono';
import type { AuthenticatedAppEnv } from '../app-env.js';
import { unwrap } from '../durable-object/store-result.js';
import { store } from './store-stub.js';

type StoreContext = Context<AuthenticatedAppEnv>;

/**
 * `GET /stores/:storeId/status`: how far Turso is behind the store (`pendingRows`,
 * `lastFlushedAt`, `lastError`, …), or `{ "mirror": "disabled" }` without a database.
 */
export async function mirrorStatus(c: StoreContext) {
  return c.json({ storeId: c.var.storeAccess.storeId, ...(await store(c).mirrorStatus()) });
}

/**
 * `POST /stores/:storeId/pull`: a backend that wrote Turso directly asks for its changes to
 * reach the store now rather than at the next poll. Answers what was applied or refused.
 * 409 `mirror_disabled` without a database, 503 `database_unavailable` when Turso is down.
 */
export async function pullFromMirror(c: StoreContext) {
  return c.json(unwrap(await store(c).pullFromMirror()));
}
