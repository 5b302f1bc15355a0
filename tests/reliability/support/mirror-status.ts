import type { RunningSystem } from './running-system.ts';

/** The part of `GET /stores/:storeId/status` that says how far Turso is behind the store. */
export interface MirrorStatus {
  readonly mirror: 'turso' | 'disabled';
  /** Rows changed in the store that Turso has not received yet. */
  readonly pendingRows?: number;
  /** Why the last flush failed; null once one succeeded. */
  readonly lastError?: string | null;
  /** The Durable Object started while Turso was down and still has to load the store from it. */
  readonly hydrationPending?: boolean;
}

/** The store's Turso mirror state, from the worker's status route (docs/turso.md). */
export async function mirrorStatus(system: RunningSystem, storeId: string): Promise<MirrorStatus> {
  const response = await fetch(`${system.worker.url}/stores/${storeId}/status`, {
    headers: { Authorization: `Bearer ${await system.tokenFor(storeId)}` },
  });
  if (!response.ok) throw new Error(`status answered ${response.status}`);
  return (await response.json()) as MirrorStatus;
}
