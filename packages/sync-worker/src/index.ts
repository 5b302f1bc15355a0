// The public surface of @tinysync/sync-worker.
export type { SessionClaims } from './auth/session-claims.js';
export { resolveStoreAccess as defaultStoreAccess, type StoreAccess } from './auth/store-access.js';
export type {
  AuthorizeStore,
  StoreAccessRequest,
  StoreGrant,
  SyncWorkerOptions,
} from './config/sync-worker-options.js';
export {
  createSyncWorker,
  type StoreDurableObjectClass,
  type SyncWorker,
} from './create-sync-worker.js';
export type { StoreDurableObject } from './durable-object/store-durable-object.js';
export type { Env } from './env.js';
export {
  DEFAULT_SYNC_LIMITS,
  MIN_FRAME_BYTES,
  type SyncLimits,
  type TunableSyncLimits,
} from './sync/sync-limits.js';
