// Node helpers for tests and benchmarks that run the real worker: start `wrangler dev`, mint
// dev tokens, connect standard TinyBase clients over real WebSockets.
export { eventually } from './eventually.ts';
export { connectNodeClient, type NodeClient, refusedUpgrade } from './sync-client.ts';
export {
  devToken,
  type RunningWorker,
  type StartWorkerOptions,
  startWorker,
} from './wrangler-dev.ts';
