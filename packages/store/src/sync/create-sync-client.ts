import { UnconfirmedWriteError } from '../errors.js';
import { CONFIRM_AFTER_CHANGE_MS } from './confirmation-loop.js';
import { connectivity, isOffline } from './connectivity.js';
import { fillEmptyStoreFromSnapshot } from './fill-empty-store.js';
import type { SyncClient, SyncClientOptions } from './sync-client.js';
import { wireSyncParts } from './wire-sync-parts.js';

export type { SyncClient, SyncClientOptions } from './sync-client.js';

/**
 * Keeps a TinySync store in sync with the sync worker: one reconnecting socket (partysocket,
 * backoff with jitter), a fresh token for every attempt, a new TinyBase synchronizer for every
 * connection, and a status snapshot that tells offline, unauthorized and failing apart.
 */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { context, status, confirmations, tokens, confirmationLoop, repair, socket } =
    wireSyncParts(options);
  const { app } = context;
  const onOnline = () => socket.reconnect();
  const onOffline = () => socket.wentOffline();
  const stopCountingLocalChanges = app.onLocalChange(() => {
    repair.changedLocally();
    status.countLocalChange();
    confirmationLoop.schedule(CONFIRM_AFTER_CHANGE_MS);
  });

  return {
    getSnapshot: () => status.snapshot,
    subscribe: (listener) => status.subscribe(listener),
    async start() {
      await app.ready;
      if (!socket.resume()) return;
      connectivity.addEventListener?.('online', onOnline);
      connectivity.addEventListener?.('offline', onOffline);
      if (isOffline()) {
        status.update({ status: 'offline' });
        return;
      }
      status.update({ status: 'connecting', error: null });
      await fillEmptyStoreFromSnapshot(context, tokens);
      if (!socket.stopped) socket.connect();
    },
    stop: () => socket.stop(),
    reconnect: () => socket.reconnect(),
    whenSynced(written) {
      const confirmed = confirmations.wait(written);
      confirmations.follow(status.snapshot);
      // Synced with nothing changed since: no confirmation is on its way, so ask for one.
      if (status.snapshot.status === 'synced') confirmationLoop.schedule(0);
      return confirmed;
    },
    async destroy() {
      confirmations.fail(new UnconfirmedWriteError());
      socket.stop();
      connectivity.removeEventListener?.('online', onOnline);
      connectivity.removeEventListener?.('offline', onOffline);
      stopCountingLocalChanges();
      status.clear();
    },
  };
}
