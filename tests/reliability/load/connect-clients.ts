import type { NodeClient } from '@tinysync/sync-worker/testing';
import type { RunningSystem } from '../support/running-system.ts';

/** Connections opened at once: enough to be quick, few enough not to time out a busy machine. */
const AT_ONCE = 10;

/**
 * Connects `count` clients to `storeId`, each signed in as a user of its own, a few at a time.
 * Each has finished its first sync when this resolves. Under this load a pull can time out and
 * TinyBase's client reload; it would drop the writes made meanwhile, so these clients resend
 * them as TinySync's own client does (the server is under test here, not TinyBase's client).
 */
export async function connectClients(
  system: RunningSystem,
  storeId: string,
  count: number,
): Promise<NodeClient[]> {
  const clients: NodeClient[] = [];
  for (let first = 0; first < count; first += AT_ONCE) {
    const batch = Array.from({ length: Math.min(AT_ONCE, count - first) }, (_, offset) =>
      system.connect(
        storeId,
        { sub: `user_load${first + offset}`, role: 'org:member' },
        { resendWritesMadeWhileLoading: true },
      ),
    );
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}
