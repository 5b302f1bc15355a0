import type { AnySchema } from '@tinysync/store';
import {
  BROADCAST_CLIENT_ID,
  MESSAGE,
  READ_ONLY_NOTICE,
  SERVER_CLIENT_ID,
} from '@tinysync/store/protocol';
import { MAX_CELL_CHARS } from '../sync/cell-length.js';
import { createCellPolicy, isSchemaCell } from '../sync/cell-policy.js';
import type { ConnectionInfo } from '../sync/connection-info.js';
import {
  CORRECTION_BATCHES_PER_SECOND,
  MAX_CORRECTIONS_PER_BATCH,
} from '../sync/dropped-cell-correction.js';
import {
  type CellPolicy,
  type DroppedCell,
  filterIncomingMessage,
} from '../sync/filter-changes.js';
import { FragmentReassembler, toFragments } from '../sync/fragments.js';
import { RateLimiter } from '../sync/rate-limiter.js';
import { ServerInbox } from '../sync/server-inbox.js';
import { splitChanges } from '../sync/split-changes.js';
import type { SyncLimits } from '../sync/sync-limits.js';
import { type FrameReader, readFrame, type WholeMessage } from './read-frame.js';
import { close, send, sendToEach } from './sockets.js';

export interface FrameIntakeOptions {
  readonly schema: AnySchema;
  readonly limits: SyncLimits;
  /** The object's sockets (open ones only) and their tags (the first is the client id). */
  readonly sockets: Pick<DurableObjectState, 'getWebSockets' | 'getTags'>;
  /** Hands a whole, checked message to TinyBase's server copy. */
  readonly deliver: (socket: WebSocket, payload: string) => void;
  /** Runs a delivery of a change every other client was already sent (it is not announced). */
  readonly applyRelayed: (apply: () => void) => void;
  /** Puts the server's values back over cells dropped from a client's change. */
  readonly restore: (dropped: readonly DroppedCell[]) => void;
  /** The store's id, for the logs. */
  readonly storeId: () => string | undefined;
  readonly onError: (error: unknown) => void;
}

/** Per-socket state that need not survive hibernation (a reconnect rebuilds it). */
interface SocketState extends FrameReader {
  /** When this connection's dropped cells may next be put back (see dropped-cell-correction.ts). */
  readonly correctionLimiter: RateLimiter;
  policy?: CellPolicy;
}

/**
 * What the server copy has to do, in order: a whole message for TinyBase (`relayed` when every
 * other client was sent it too), or the correction of cells it dropped from the one before.
 */
type InboxMessage =
  | { readonly socket: WebSocket; readonly payload: string; readonly relayed: boolean }
  | { readonly dropped: readonly DroppedCell[] };

/**
 * Every frame a client sends, from the socket to TinyBase's server copy: read and checked
 * (read-frame.ts), filtered against the schema and the connection's permissions, relayed to
 * the store's other clients, then queued for the server copy, followed by the correction of
 * what was dropped. A frame that fails a check closes its connection, and only that one.
 */
export class FrameIntake {
  readonly #options: FrameIntakeOptions;
  readonly #states = new WeakMap<WebSocket, SocketState>();
  /** What TinyBase's server copy still has to apply or answer, in arrival order. */
  readonly #serverInbox: ServerInbox<InboxMessage>;

  constructor(options: FrameIntakeOptions) {
    this.#options = options;
    this.#serverInbox = new ServerInbox<InboxMessage>(
      (message) => this.#deliverToServerCopy(message),
      options.onError,
    );
  }

  receive(socket: WebSocket, frame: string | ArrayBuffer): void {
    const read = readFrame(
      socket,
      frame,
      (of) => this.#stateOf(of),
      this.#options.limits.maxFrameBytes,
    );
    if ('close' in read) close(socket, read.close);
    else if (read.message !== undefined) this.#accept(socket, read);
  }

  /** The socket closed: what was kept for its frames goes. */
  forget(socket: WebSocket): void {
    this.#states.delete(socket);
  }

  /**
   * Drops what the connection may not write, relays pushed changes to the store's other
   * clients, then queues the message for TinyBase's server copy (which applies, persists and
   * answers it in a later task). Relaying first, and applying after the relayed frames have
   * left, keeps other clients' latency off the apply-and-persist path.
   *
   * Only pushed changes reach other clients: every request is the server's to answer, since it
   * holds the whole store. Relaying requests would make each client answer every other
   * client's requests, so one flooding client would push the others past their own rate limit.
   * Messages a client addresses to another client directly are dropped for the same reason.
   */
  #accept(socket: WebSocket, { connection, toClientId, message, remainder }: WholeMessage) {
    if (toClientId !== BROADCAST_CLIENT_ID && toClientId !== SERVER_CLIENT_ID) return;
    const state = this.#stateOf(socket);
    state.policy ??= createCellPolicy(this.#options.schema, connection, MAX_CELL_CHARS);
    const filtered = filterIncomingMessage(message, state.policy);
    // After the message, if any: the correction puts back the server's value as it then stands.
    // Only cells of the schema can be put back; a message dropping nothing else (an unknown
    // table) must not use up the connection's batch for the next one.
    const correctable = filtered.dropped.filter(({ tableId, cellId }) =>
      isSchemaCell(this.#options.schema, tableId, cellId),
    );
    const correction =
      correctable.length > 0 && state.correctionLimiter.tryTake()
        ? [{ dropped: correctable.slice(0, MAX_CORRECTIONS_PER_BATCH) }]
        : [];
    if (filtered.dropped.length > 0) this.#reportDropped(socket, connection, filtered.dropped);
    if (filtered.message === undefined) {
      this.#serverInbox.push(correction);
      return;
    }
    const checked = filtered.dropped.length === 0 ? remainder : JSON.stringify(filtered.message);
    // TinyBase's receivers take messages up to 16 MiB: bigger changes go on in parts.
    const parts = splitChanges(filtered.message, checked);
    const relayed = toClientId === BROADCAST_CLIENT_ID && message[1] === MESSAGE.contentDiff;
    if (relayed) this.#relay(socket, parts);
    this.#serverInbox.push([
      ...parts.map((part) => ({ socket, payload: `${SERVER_CLIENT_ID}\n${part}`, relayed })),
      ...correction,
    ]);
  }

  /** Sends a pushed change to every other client, as from its sender. */
  #relay(from: WebSocket, parts: readonly string[]) {
    const { sockets, limits } = this.#options;
    const fromClientId = sockets.getTags(from)[0] ?? '';
    // Big messages travel in TinyBase fragments, each under the frame limit.
    const fragments = parts.flatMap((part) => toFragments(part, limits.fragmentBytes));
    sendToEach(
      sockets.getWebSockets(),
      fragments.map((fragment) => `${fromClientId}\n${fragment}`),
      from,
    );
  }

  #deliverToServerCopy(message: InboxMessage) {
    if ('dropped' in message) {
      this.#options.restore(message.dropped);
      return;
    }
    const deliver = () => this.#options.deliver(message.socket, message.payload);
    if (message.relayed) this.#options.applyRelayed(deliver);
    else deliver();
  }

  #reportDropped(socket: WebSocket, connection: ConnectionInfo, dropped: readonly DroppedCell[]) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        event: 'changes_dropped',
        store: this.#options.storeId(),
        userId: connection.userId,
        count: dropped.length,
        sample: dropped.slice(0, 5),
      }),
    );
    if (connection.readOnly) send(socket, READ_ONLY_NOTICE);
  }

  #stateOf(socket: WebSocket): SocketState {
    let state = this.#states.get(socket);
    if (state === undefined) {
      const { limits } = this.#options;
      state = {
        reassembler: new FragmentReassembler(limits.maxMessageBytes),
        rateLimiter: new RateLimiter(limits.messagesPerSecond, limits.messageBurst),
        correctionLimiter: new RateLimiter(CORRECTION_BATCHES_PER_SECOND, 1),
      };
      this.#states.set(socket, state);
    }
    return state;
  }
}
