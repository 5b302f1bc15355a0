import type { RunningWorker } from '@tinysync/sync-worker/testing';

/**
 * CPU used since the meter started, as cores kept busy on average: which side a load saturates.
 * On two cores, clients at ~1 core and the worker well under it mean the clients' process (every
 * client, in one Node thread) is the bottleneck, not the server.
 */
export interface CpuUse {
  readonly wallMs: number;
  /** This process: every client of the test. */
  readonly clientsCores: number;
  /** The workerd runtime: the worker and its Durable Objects. */
  readonly workerCores: number;
}

export function startCpuMeter(worker: RunningWorker): { read(): CpuUse } {
  const startedAt = performance.now();
  const clientsStart = process.cpuUsage();
  const workerStart = worker.cpu().runtimeSeconds;
  return {
    read() {
      const wallMs = performance.now() - startedAt;
      const { user, system } = process.cpuUsage(clientsStart);
      return {
        wallMs,
        clientsCores: (user + system) / 1000 / wallMs,
        workerCores: ((worker.cpu().runtimeSeconds - workerStart) * 1000) / wallMs,
      };
    },
  };
}
