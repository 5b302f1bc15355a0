import type { RunningWorker } from '@tinysync/sync-worker/testing';

type WorkerdMemory = ReturnType<RunningWorker['memory']>;

/**
 * The sync server's memory under load, in MiB. `runtimeRss` is the workerd process that runs
 * the worker and its Durable Objects, most of it the runtime itself (`runtimeRssIdle`: the
 * same process before the load); `liveHeap` is the worker isolate's JS heap after a full
 * garbage collection, the part of it that the load's data and connections hold. The dev
 * proxy exists only under `wrangler dev` (it holds every socket a second time).
 */
export interface ServerMemory {
  readonly runtimeRssIdleMiB: number;
  readonly runtimeRssMiB: number;
  readonly devProxyRssMiB: number;
  readonly liveHeapMiB: number;
}

const MiB = 1024 * 1024;

/** Call with the `worker.memory()` read before the load began. */
export async function serverMemory(
  worker: RunningWorker,
  idle: WorkerdMemory,
): Promise<ServerMemory> {
  // The resident sizes first: the heap snapshot that forces a collection grows them for good.
  const loaded = worker.memory();
  const heap = await worker.heapUsage({ collectGarbage: true }).catch((error: unknown) => {
    // A report, not a check: a heap the inspector would not give is shown as missing.
    console.warn(`worker heap not measured: ${error}`);
    return { usedBytes: Number.NaN };
  });
  return {
    runtimeRssIdleMiB: idle.runtimeRssBytes / MiB,
    runtimeRssMiB: loaded.runtimeRssBytes / MiB,
    devProxyRssMiB: loaded.devProxyRssBytes / MiB,
    liveHeapMiB: heap.usedBytes / MiB,
  };
}
