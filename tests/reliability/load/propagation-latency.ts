import type { NodeClient } from '@tinysync/sync-worker/testing';

export interface LatencySummary {
  /** (write, receiving client) pairs measured. */
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Measures how long each new row takes from the client that wrote it to every other client
 * watched: the time from `wrote` to the moment the row is in the other client's store. All
 * clients share this process's clock, so the figures include this process's own work of
 * applying the change in every client (on one event loop), not only the network and server.
 */
export class PropagationLatency {
  readonly #writtenAt = new Map<string, { at: number; by: NodeClient }>();
  readonly #latencies: number[] = [];
  readonly #tableId: string;

  constructor(tableId: string) {
    this.#tableId = tableId;
  }

  /** Call right before `by` writes `rowId`. */
  wrote(rowId: string, by: NodeClient): void {
    this.#writtenAt.set(rowId, { at: performance.now(), by });
  }

  /** Starts timing the rows that arrive at `client` from the others. */
  watch(client: NodeClient): void {
    const arrived = new Set<string>();
    client.store.addRowListener(this.#tableId, null, (_store, _tableId, rowId) => {
      const written = this.#writtenAt.get(rowId);
      if (written === undefined || written.by === client || arrived.has(rowId)) return;
      arrived.add(rowId);
      this.#latencies.push(performance.now() - written.at);
    });
  }

  summary(): LatencySummary {
    const sorted = [...this.#latencies].sort((a, b) => a - b);
    return {
      samples: sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted.at(-1) ?? Number.NaN,
    };
  }
}

/** The nearest-rank percentile of already sorted values. */
function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}
