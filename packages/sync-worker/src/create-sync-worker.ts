import type { AnySchema } from '@tinysync/store';
import { createApp } from './app.js';
import { resolveSyncWorkerOptions, type SyncWorkerOptions } from './config/sync-worker-options.js';
import { StoreDurableObject } from './durable-object/store-durable-object.js';
import type { Env } from './env.js';

/** The Durable Object class `createSyncWorker` makes: the runtime constructs it with state and env. */
export type StoreDurableObjectClass = new (
  ctx: DurableObjectState<object>,
  env: Env,
) => StoreDurableObject;

export interface SyncWorker {
  /** The Worker's handler: `export default worker`. */
  readonly worker: ExportedHandler<Env>;
  /** Export it under the `class_name` of the wrangler config's Durable Object binding. */
  readonly StoreDurableObject: StoreDurableObjectClass;
}

/**
 * The sync server for an app's own schema: a Worker (HTTP API, WebSocket upgrades, Clerk auth)
 * and the Durable Object that holds each store. The app's worker file is
 *
 * ```ts
 * const { worker, StoreDurableObject } = createSyncWorker({ schema });
 * type StoreDurableObject = InstanceType<typeof StoreDurableObject>; // for `wrangler types`
 * export { StoreDurableObject };
 * export default worker;
 * ```
 *
 * @throws TypeError when the options cannot make a working server (no schema, a bad binding).
 */
export function createSyncWorker<S extends AnySchema>(options: SyncWorkerOptions<S>): SyncWorker {
  const config = resolveSyncWorkerOptions(options);
  const app = createApp(config);
  class AppStoreDurableObject extends StoreDurableObject {
    constructor(ctx: DurableObjectState<object>, env: Env) {
      super(ctx, env, config);
    }
  }
  return {
    worker: { fetch: (request, env, ctx) => app.fetch(request, env, ctx) },
    StoreDurableObject: AppStoreDurableObject,
  };
}
