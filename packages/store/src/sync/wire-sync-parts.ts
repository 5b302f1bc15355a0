import { ConfirmationLoop } from './confirmation-loop.js';
import { ConnectionLifecycle } from './connection-lifecycle.js';
import { ConnectionTokens } from './connection-tokens.js';
import { GiveUpRecovery } from './give-up-recovery.js';
import { LocalCopyRepair } from './local-copy-repair.js';
import type { SyncClientOptions } from './sync-client.js';
import { type SyncContext, syncContext } from './sync-context.js';
import { SyncSocket } from './sync-socket.js';
import { SyncStatusStore } from './sync-status-store.js';
import { UnauthorizedBackoff } from './unauthorized-backoff.js';
import { WriteConfirmations } from './write-confirmations.js';

/** The parts of a sync client that its public methods act on. */
export interface SyncParts {
  readonly context: SyncContext;
  readonly status: SyncStatusStore;
  readonly confirmations: WriteConfirmations;
  readonly tokens: ConnectionTokens;
  readonly confirmationLoop: ConfirmationLoop;
  readonly repair: LocalCopyRepair;
  readonly socket: SyncSocket;
}

/**
 * Builds a sync client's parts and connects them. They call each other only once the client
 * runs, so a part may name one built after it.
 */
export function wireSyncParts(options: SyncClientOptions): SyncParts {
  const context = syncContext(options);
  const confirmations = new WriteConfirmations();
  const status = new SyncStatusStore(confirmations);
  const tokens = new ConnectionTokens(context.getToken, (error) =>
    status.update({ status: 'error', error }),
  );
  const unauthorized = new UnauthorizedBackoff({
    context,
    refusedToken: () => tokens.last,
    onNewToken: () => socket.reconnect(),
  });
  const giveUps: GiveUpRecovery = new GiveUpRecovery({
    context,
    isStopped: () => socket.stopped,
    reconnect: (code, reason) => socket.socket?.reconnect(code, reason),
  });
  const repair = new LocalCopyRepair({ context, status, connection: () => connections.current });
  const confirmationLoop: ConfirmationLoop = new ConfirmationLoop({
    canAsk: () => connections.syncing,
    send: (frame) => socket.socket?.send(frame),
    localHashes: () => context.app.store.getMergeableContentHashes(),
    onAgreed: () => {
      unauthorized.reset();
      repair.agreed();
      giveUps.reset();
      status.update({ status: 'synced', pendingChanges: 0, lastSyncedAt: Date.now(), error: null });
      confirmations.confirmed();
    },
    onDisagreed: () => repair.disagreed(),
  });
  const connections: ConnectionLifecycle = new ConnectionLifecycle({
    context,
    status,
    tokens,
    confirmations,
    confirmationLoop,
    repair,
    giveUps,
    socket: () => socket.socket,
    isStopped: () => socket.stopped,
  });
  const socket: SyncSocket = new SyncSocket({
    context,
    status,
    tokens,
    connections,
    unauthorized,
    giveUps,
  });
  return { context, status, confirmations, tokens, confirmationLoop, repair, socket };
}
