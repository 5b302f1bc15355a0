// The public surface of @tinysync/sync-worker.
export type { SessionClaims } from './auth/session-claims.ts';
export { resolveStoreAccess as defaultStoreAccess, type StoreAccess } from './auth/store-access.ts';
export type {
  AuthorizeStore,
  StoreAccessRequest,
  StoreGrant,
  SyncWorkerOptions,
} from './config/sync-worker-options.ts';
export {
  createSyncWorker,
  type StoreDurableObjectClass,
  type SyncWorker,
} from './create-sync-worker.ts';
export type { StoreDurableObject } from './durable-object/store-durable-object.ts';
export type { Env } from './env.ts';
export { DEFAULT_SYNC_LIMITS, type SyncLimits } from './sync/sync-limits.ts';
