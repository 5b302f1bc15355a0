// Node helpers for tests and benchmarks that run the real worker: start `wrangler dev` and the
// local libSQL server, mint dev tokens, connect standard TinyBase clients over real WebSockets.
export { eventually } from './eventually.ts';
export { freePort } from './free-port.ts';
export { type RunningLibsql, startLibsql } from './libsql-dev.ts';
export {
  connectNodeClient,
  type NodeClient,
  type NodeClientOptions,
  refusedUpgrade,
  untilWritesAreSent,
} from './sync-client.ts';
export {
  devAuthVars,
  devToken,
  type RunningWorker,
  type StartWorkerOptions,
  startWorker,
} from './wrangler-dev.ts';
