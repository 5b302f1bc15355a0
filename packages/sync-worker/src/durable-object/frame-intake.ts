import type { AnySchema } from '@tinysync/store';
import {
  BROADCAST_CLIENT_ID,
  CLOSE,
  MESSAGE,
  READ_ONLY_NOTICE,
  SERVER_CLIENT_ID,
} from '@tinysync/store/protocol';
import { isDataAnswer, withRowsAhead } from '../sync/answer-rows.js';
import { MAX_CELL_CHARS } from '../sync/cell-length.js';
import { createCellPolicy, isCorrectableCell, mayWriteTable } from '../sync/cell-policy.js';
import { isStampedAhead, MAX_FUTURE_STAMP_MS } from '../sync/changes-shape.js';
import type { ConnectionInfo } from '../sync/connection-info.js';
import { CORRECTION_BATCHES_PER_SECOND } from '../sync/dropped-cell-correction.js';
import { DroppedCellsLog } from '../sync/dropped-cells-log.js';
import {
  type ChangePolicies,
  type DroppedCell,
  filterIncomingMessage,
} from '../sync/filter-changes.js';
import { FRAGMENT_BUDGET_MESSAGES, FragmentBudget } from '../sync/fragment-budget.js';
import { FragmentReassembler } from '../sync/fragment-reassembler.js';
import { toFragments } from '../sync/fragments.js';
import type { ProtocolMessage } from '../sync/protocol-message.js';
import { type QueuedChange, QueuedRows } from '../sync/queued-rows.js';
import { RateLimiter } from '../sync/rate-limiter.js';
import { isAttemptedChange, READ_ONLY_WRITE_MESSAGES_TOLERATED } from '../sync/read-only-writes.js';
import { createRowPolicy } from '../sync/row-policy.js';
import { ServerInbox } from '../sync/server-inbox.js';
import { splitChanges } from '../sync/split-changes.js';
import { createStalePolicy } from '../sync/stale-cells.js';
import type { SyncLimits } from '../sync/sync-limits.js';
import { type FrameReader, readFrame, type WholeMessage } from './read-frame.js';
import type { DroppedFromSender } from './restore-dropped-cells.js';
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
  readonly restore: (from: DroppedFromSender) => void;
  /** A row as the server's copy holds it now; undefined when it holds none. */
  readonly appliedRow: (tableId: string, rowId: string) => Record<string, unknown> | undefined;
  /** Whether the server's copy has the row's stamps: live or deleted. */
  readonly isKnownRow: (tableId: string, rowId: string) => boolean;
  /** The times of a row's cells in the server's copy, deleted cells included. */
  readonly appliedCellTimes: (tableId: string, rowId: string) => Readonly<Record<string, string>>;
  /**
   * Whether `socket`'s answer to `requestId` answers a request the server's copy waits on from
   * it, and is the first to (request-guard.ts).
   */
  readonly claimAnswer: (socket: WebSocket, requestId: string | null) => boolean;
  /** The store's id, for the logs. */
  readonly storeId: () => string | undefined;
  readonly onError: (error: unknown) => void;
}

/** How a change stamped too far ahead shows in the dropped-cells log: the whole of it goes. */
const STAMPED_AHEAD: DroppedCell = {
  tableId: '',
  rowId: '',
  cellId: '',
  reason: `the change is stamped over ${MAX_FUTURE_STAMP_MS / 60_000} minutes ahead of the server's clock`,
  deletion: false,
};

/** Per-socket state that need not survive hibernation (a reconnect rebuilds it). */
interface SocketState extends FrameReader {
  /** When this connection's dropped cells may next be put back (see dropped-cell-correction.ts). */
  readonly correctionLimiter: RateLimiter;
  policies?: ChangePolicies;
  /** Messages with refused writes this read-only connection sent (see read-only-writes.ts). */
  readOnlyWriteMessages: number;
  readonly droppedCellsLog: DroppedCellsLog;
}

/**
 * What the server copy has to do, in order: a whole message for TinyBase (`relayed` when every
 * other client was sent it too), or the correction of cells it dropped from the one before.
 */
type InboxMessage =
  | { readonly socket: WebSocket; readonly payload: string; readonly relayed: boolean }
  | { readonly restore: DroppedFromSender }
  /** The message has been handed to TinyBase (which applies it soon after). */
  | { readonly delivered: QueuedChange };

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
  /** Rows of accepted changes still in the inbox, for checking the next changes' rows. */
  readonly #queuedRows = new QueuedRows();
  /** Unfinished fragmented messages of all the object's connections, together. */
  readonly #fragmentBudget: FragmentBudget;

  constructor(options: FrameIntakeOptions) {
    this.#options = options;
    this.#fragmentBudget = new FragmentBudget(
      FRAGMENT_BUDGET_MESSAGES * options.limits.maxMessageBytes,
    );
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
    if ('close' in read) {
      // Its unfinished messages will never finish: the budget need not wait for the close.
      this.#states.get(socket)?.reassembler.release();
      close(socket, read.close);
    } else if (read.message !== undefined) this.#accept(socket, read);
  }

  /** The socket closed: what was kept for its frames goes. */
  forget(socket: WebSocket): void {
    this.#states.get(socket)?.reassembler.release();
    this.#states.delete(socket);
  }

  /** The connection's role changed (a refreshed token): its next writes are checked anew. */
  permissionsChanged(socket: WebSocket): void {
    const state = this.#states.get(socket);
    if (state !== undefined) delete state.policies;
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
    // An answer to no request the server waits on from this client is ignored by TinyBase: its
    // rows are neither counted on nor passed on.
    if (isDataAnswer(message) && !this.#options.claimAnswer(socket, message[0])) return;
    if (isStampedAhead(message[1], message[2])) {
      this.#dropStampedAhead(socket, connection, message);
      return;
    }
    const state = this.#stateOf(socket);
    state.policies ??= this.#policiesFor(connection);
    const filtered = filterIncomingMessage(message, state.policies);
    const correction = this.#correctionOf(socket, connection, state, filtered.dropped);
    if (filtered.dropped.length > 0) this.#reportDropped(socket, connection, filtered.dropped);
    if (filtered.message === undefined) {
      this.#serverInbox.push(correction);
      return;
    }
    const checked = filtered.dropped.length === 0 ? remainder : JSON.stringify(filtered.message);
    const parts = this.#partsOf(filtered.message, checked);
    const relayed = toClientId === BROADCAST_CLIENT_ID && message[1] === MESSAGE.contentDiff;
    if (relayed) this.#relay(socket, parts);
    const queued = this.#queuedRows.add(filtered.accepted);
    this.#serverInbox.push([
      ...parts.map((part) => ({ socket, payload: `${SERVER_CLIENT_ID}\n${part}`, relayed })),
      { delivered: queued },
      ...correction,
    ]);
  }

  /**
   * Drops a change stamped more than 5 minutes ahead of the server's clock, which TinyBase would
   * refuse whole: nothing of it is relayed, counted on or put back. An answer goes on emptied of
   * its rows, so the request it answers does not wait for nothing. The connection stays open: a
   * client whose clock runs ahead cannot sync its writes, but still receives everyone else's.
   */
  #dropStampedAhead(socket: WebSocket, connection: ConnectionInfo, message: ProtocolMessage) {
    const context = { store: this.#options.storeId(), userId: connection.userId };
    this.#stateOf(socket).droppedCellsLog.report(context, [STAMPED_AHEAD]);
    if (message[1] !== MESSAGE.response) return;
    const emptied = withRowsAhead(message).at(-1) ?? message;
    const payload = `${SERVER_CLIENT_ID}\n${JSON.stringify(emptied)}`;
    this.#serverInbox.push([{ socket, payload, relayed: false }]);
  }

  /**
   * The message as the remainders TinyBase's server copy takes: an answer's rows go ahead of it
   * as a content diff (answer-rows.ts), and big changes go in parts, since TinyBase's receivers
   * take messages up to 16 MiB.
   */
  #partsOf(message: ProtocolMessage, remainder: string): string[] {
    const messages = withRowsAhead(message);
    if (messages.length === 1) return splitChanges(message, remainder);
    return messages.flatMap((each) => splitChanges(each, JSON.stringify(each)));
  }

  /**
   * What one connection may write: each cell, then each row as the change would leave it, counting
   * only cells TinyBase's merge would keep (stale-cells.ts).
   */
  #policiesFor(connection: ConnectionInfo): ChangePolicies {
    const { schema, appliedCellTimes } = this.#options;
    return {
      cell: createCellPolicy(schema, connection, MAX_CELL_CHARS),
      stale: createStalePolicy({
        appliedTimes: appliedCellTimes,
        queuedTime: (tableId, rowId, cellId) => this.#queuedRows.latestTime(tableId, rowId, cellId),
      }),
      row: createRowPolicy(
        schema,
        (tableId, rowId) => this.#currentRow(tableId, rowId),
        this.#options.isKnownRow,
      ),
    };
  }

  /** A row as the server will hold it once the changes it has queued are applied. */
  #currentRow(tableId: string, rowId: string) {
    return this.#queuedRows.overlay(tableId, rowId, this.#options.appliedRow(tableId, rowId));
  }

  /**
   * The correction to queue after the message, if any: it puts back the server's value as it
   * then stands. Only cells the server could hold can be put back; a message dropping nothing
   * else (an unknown table, an id it refuses) must not use up the connection's batch.
   */
  #correctionOf(
    socket: WebSocket,
    connection: ConnectionInfo,
    state: SocketState,
    dropped: readonly DroppedCell[],
  ) {
    const { schema } = this.#options;
    const correctable = dropped.filter((cell) => isCorrectableCell(schema, cell));
    if (correctable.length === 0 || !state.correctionLimiter.tryTake()) return [];
    return [
      {
        restore: {
          dropped: correctable,
          sender: socket,
          mayWrite: (tableId: string) => mayWriteTable(connection, tableId),
          currentRow: (tableId: string, rowId: string) => this.#currentRow(tableId, rowId),
        },
      },
    ];
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
    if ('delivered' in message) {
      this.#queuedRows.delivered(message.delivered);
      return;
    }
    if ('restore' in message) {
      this.#options.restore(message.restore);
      return;
    }
    const deliver = () => this.#options.deliver(message.socket, message.payload);
    if (message.relayed) this.#options.applyRelayed(deliver);
    else deliver();
  }

  #reportDropped(socket: WebSocket, connection: ConnectionInfo, dropped: readonly DroppedCell[]) {
    const state = this.#stateOf(socket);
    // Bounded: ids cut, at most a line a second per connection (dropped-cells-log.ts).
    state.droppedCellsLog.report(
      { store: this.#options.storeId(), userId: connection.userId },
      dropped,
    );
    if (!connection.readOnly) return;
    const attempted = isAttemptedChange(
      dropped,
      (tableId, rowId) => this.#currentRow(tableId, rowId) !== undefined,
    );
    if (attempted && ++state.readOnlyWriteMessages > READ_ONLY_WRITE_MESSAGES_TOLERATED) {
      close(socket, CLOSE.readOnlyWrites);
    } else send(socket, READ_ONLY_NOTICE);
  }

  #stateOf(socket: WebSocket): SocketState {
    let state = this.#states.get(socket);
    if (state === undefined) {
      const { limits } = this.#options;
      state = {
        reassembler: new FragmentReassembler(limits.maxMessageBytes, {
          budget: this.#fragmentBudget,
        }),
        rateLimiter: new RateLimiter(limits.messagesPerSecond, limits.messageBurst),
        correctionLimiter: new RateLimiter(CORRECTION_BATCHES_PER_SECOND, 1),
        readOnlyWriteMessages: 0,
        droppedCellsLog: new DroppedCellsLog(),
      };
      this.#states.set(socket, state);
    }
    return state;
  }
}
