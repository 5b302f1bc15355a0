import { type AnySchema, toTinyBaseTablesSchema } from '@tinysync/store';
import {
  BROADCAST_CLIENT_ID,
  CLOSE,
  type CloseReason,
  MESSAGE,
  READ_ONLY_NOTICE,
  SERVER_CLIENT_ID,
} from '@tinysync/store/protocol';
import type { TablesSchema } from 'tinybase';
import { WsServerDurableObject } from 'tinybase/synchronizers/synchronizer-ws-server-durable-object';
import type { SyncWorkerConfig } from '../config/sync-worker-options.js';
import type { Env } from '../env.js';
import { writeCellStamps } from '../persistence/incremental-sql-persister.js';
import type { MergeableChangesOrContent } from '../persistence/mergeable-stamps.js';
import { MAX_CELL_CHARS } from '../sync/cell-length.js';
import { createCellPolicy } from '../sync/cell-policy.js';
import { isWellFormedChanges } from '../sync/changes-shape.js';
import {
  CONNECTION_HEADER,
  type ConnectionInfo,
  parseConnectionInfo,
} from '../sync/connection-info.js';
import {
  CORRECTION_BATCHES_PER_SECOND,
  createDroppedCellCorrector,
  MAX_CORRECTIONS_PER_BATCH,
} from '../sync/dropped-cell-correction.js';
import {
  type CellPolicy,
  type DroppedCell,
  filterIncomingMessage,
} from '../sync/filter-changes.js';
import { FragmentReassembler, FrameError, toFragments } from '../sync/fragments.js';
import { type ProtocolMessage, parseProtocolMessage } from '../sync/protocol-message.js';
import { RateLimiter } from '../sync/rate-limiter.js';
import { ServerInbox } from '../sync/server-inbox.js';
import { splitChanges } from '../sync/split-changes.js';
import { toWireJson } from '../sync/stamps.js';
import { type SyncLimits, syncLimitsFrom } from '../sync/sync-limits.js';
import type { MirrorStatus, PullResult } from '../turso/store-mirror.js';
import { AlarmScheduler } from './alarm-scheduler.js';
import { ContentAnnouncer } from './content-announcer.js';
import type { RowQuery } from './row-query.js';
import { createServerCopy, type ServerCopy } from './server-copy.js';
import { answerClose, close, send, sendToEach, withOpenSocketsOnly } from './sockets.js';
import type { StoreResult } from './store-result.js';
import { type ExportedTables, StoreRpc } from './store-rpc.js';
import { UnheardServerRequest } from './unheard-server-request.js';

/** TinyBase implements these socket handlers; its type declarations leave them optional. */
interface TinyBaseHandlers {
  fetch(request: Request): Response;
  webSocketMessage(socket: WebSocket, message: string): void;
  webSocketClose(socket: WebSocket, code: number, reason: string, wasClean: boolean): void;
}
const tinyBase = WsServerDurableObject.prototype as unknown as TinyBaseHandlers;

/** A frame that passed the checks: whole message, or undefined while fragments are missing. */
type FrameReading =
  | {
      readonly connection: ConnectionInfo;
      readonly toClientId: string;
      readonly message: undefined;
    }
  | WholeMessage;

interface WholeMessage {
  readonly connection: ConnectionInfo;
  readonly toClientId: string;
  readonly message: ProtocolMessage;
  /** The message as the client sent it, relayed as is when nothing was dropped. */
  readonly remainder: string;
}

/**
 * What the server copy has to do, in order: a whole message for TinyBase (`relayed` when every
 * other client was sent it too), or the correction of cells it dropped from the one before.
 */
type InboxMessage =
  | { readonly socket: WebSocket; readonly payload: string; readonly relayed: boolean }
  | { readonly dropped: readonly DroppedCell[] };

/** Per-socket state that need not survive hibernation (a reconnect rebuilds it). */
interface SocketState {
  readonly reassembler: FragmentReassembler;
  readonly rateLimiter: RateLimiter;
  /** When this connection's dropped cells may next be put back (see dropped-cell-correction.ts). */
  readonly correctionLimiter: RateLimiter;
  policy?: CellPolicy;
}

/**
 * One per store id. TinyBase's WsServerDurableObject relays the standard TinyBase sync protocol
 * between the store's clients and keeps the server's copy; this class adds what it lacks:
 * every frame is checked (size, rate, shape) and every incoming cell validated against the
 * schema and the connection's permissions before TinyBase sees it; read-only connections have
 * their writes dropped; the CRDT state is persisted incrementally; sockets close when their
 * session token expires.
 */
export class StoreDurableObject extends WsServerDurableObject<Env> {
  /** `createSyncWorker` makes the class the app exports, which passes its configuration. */
  constructor(ctx: DurableObjectState<object>, env: Env, config: SyncWorkerConfig) {
    super(ctx, env);
    // The runtime insists on the real state for construction; TinyBase reads `this.ctx` later.
    this.ctx = withOpenSocketsOnly(ctx);
    this.#schema = config.schema;
    this.#tablesSchema = toTinyBaseTablesSchema(config.schema);
    this.#limits = syncLimitsFrom(env, config.limits);
    this.#scheduler = new AlarmScheduler({
      storage: this.ctx.storage,
      sockets: () => this.ctx.getWebSockets(),
      mirror: () => this.#copy?.mirror,
      announce: () => this.#announcer.announce(),
      resyncIntervalMs: this.#limits.resyncIntervalMs,
      onError: (error) => this.onIgnoredError(error),
    });
    this.#rpc = new StoreRpc({
      tablesSchema: this.#tablesSchema,
      app: () => this.#copy?.app,
      mirror: () => this.#copy?.mirror,
    });
  }

  readonly #limits: SyncLimits;
  readonly #schema: AnySchema;
  readonly #sockets = new WeakMap<WebSocket, SocketState>();
  /** What TinyBase's server copy still has to apply or answer, in arrival order. */
  readonly #serverInbox = new ServerInbox<InboxMessage>(
    (message) => this.#deliverToServerCopy(message),
    (error) => this.onIgnoredError(error),
  );

  readonly #announcer = new ContentAnnouncer({
    contentHashes: () => this.#copy?.store.getMergeableContentHashes(),
    sockets: () => this.ctx.getWebSockets(),
  });

  readonly #unheardRequest = new UnheardServerRequest();

  readonly #scheduler: AlarmScheduler;
  readonly #rpc: StoreRpc;
  /** The server's copy of the store, made when TinyBase asks for the persister. */
  #copy: ServerCopy | undefined;

  #deliverToServerCopy(message: InboxMessage) {
    if ('dropped' in message) {
      this.#correct(message.dropped);
      return;
    }
    const deliver = () => tinyBase.webSocketMessage.call(this, message.socket, message.payload);
    if (message.relayed) this.#announcer.applyRelayed(deliver);
    else deliver();
  }

  /**
   * Re-stamps the server's values over cells it dropped, and tells every client at once. Done
   * by hand rather than left to TinyBase: a deletion of a cell the server never had (a viewer's
   * new row) is in no transaction's changes, so TinyBase would neither save nor send it.
   */
  #correct(dropped: readonly DroppedCell[]) {
    const correction = this.#correctDroppedCells(dropped);
    const store = this.#copy?.store;
    if (correction === undefined || store === undefined) return;
    store.applyMergeableChanges(correction);
    const stamps = correction as unknown as MergeableChangesOrContent;
    writeCellStamps(this.ctx.storage.sql, store, stamps);
    this.#copy?.mirror?.recordChanges(stamps);
    const message = toWireJson([null, MESSAGE.contentDiff, correction]);
    const fragments = toFragments(message, this.#limits.fragmentBytes);
    sendToEach(
      this.ctx.getWebSockets(),
      fragments.map((fragment) => `${SERVER_CLIENT_ID}\n${fragment}`),
    );
  }

  readonly #correctDroppedCells = createDroppedCellCorrector({
    isKnownCell: (tableId, cellId) =>
      Object.hasOwn(this.#tablesSchema, tableId) &&
      Object.hasOwn(this.#tablesSchema[tableId] ?? {}, cellId),
    currentCell: (tableId, rowId, cellId) => this.#copy?.store.getCell(tableId, rowId, cellId),
  });

  readonly #tablesSchema: TablesSchema;

  override createPersister() {
    this.#copy = createServerCopy({
      schema: this.#schema,
      env: this.env,
      sql: this.ctx.storage.sql,
      objectName: this.ctx.id.name,
      onChanged: () => this.#announcer.changed(),
      wakeAt: (time) => void this.#scheduler.wakeAt(time),
      onIgnoredError: (error) => this.onIgnoredError(error),
    });
    return this.#copy.persister;
  }

  override onMessage(fromClientId: string, toClientId: string, remainder: string): void {
    const hasClients = () => this.ctx.getWebSockets().length > 0;
    this.#unheardRequest.observe(fromClientId, toClientId, remainder, hasClients);
  }

  // The HTTP API, called over RPC by the Worker: methods of the class, as RPC requires.

  listRows(tableId: string, query: RowQuery): StoreResult<{ rows: unknown[]; total: number }> {
    return this.#rpc.listRows(tableId, query);
  }

  getRow(tableId: string, rowId: string): StoreResult<unknown> {
    return this.#rpc.getRow(tableId, rowId);
  }

  createRow(tableId: string, input: Record<string, unknown>): StoreResult<unknown> {
    return this.#rpc.createRow(tableId, input);
  }

  updateRow(tableId: string, rowId: string, patch: Record<string, unknown>): StoreResult<unknown> {
    return this.#rpc.updateRow(tableId, rowId, patch);
  }

  deleteRow(tableId: string, rowId: string): StoreResult<null> {
    return this.#rpc.deleteRow(tableId, rowId);
  }

  exportContent(): StoreResult<{ tables: ExportedTables }> {
    return this.#rpc.exportContent();
  }

  snapshot(): ReadableStream<Uint8Array> {
    return this.#rpc.snapshot();
  }

  mirrorStatus(): MirrorStatus {
    return this.#rpc.mirrorStatus();
  }

  pullFromMirror(): Promise<StoreResult<PullResult>> {
    return this.#rpc.pullFromMirror();
  }

  override getRequestTimeoutSeconds() {
    return this.#limits.requestTimeoutSeconds;
  }

  override getFragmentSize() {
    return this.#limits.fragmentBytes;
  }

  override fetch(request: Request): Response | Promise<Response> {
    const connection = parseConnectionInfo(request.headers.get(CONNECTION_HEADER));
    if (connection === undefined) {
      return Response.json(
        { error: { code: 'bad_request', message: 'Connect through the Worker' } },
        { status: 400 },
      );
    }
    if (this.ctx.getWebSockets().length >= this.#limits.maxConnectionsPerStore) {
      return Response.json(
        { error: { code: 'too_many_connections', message: 'This store has too many connections' } },
        { status: 429 },
      );
    }
    const response = tinyBase.fetch.call(this, request);
    const clientId = request.headers.get('sec-websocket-key');
    const socket = clientId === null ? undefined : this.ctx.getWebSockets(clientId)[0];
    if (socket === undefined || response.webSocket === null) return response;

    socket.serializeAttachment(connection);
    if (connection.readOnly) send(socket, READ_ONLY_NOTICE);
    this.#scheduler.connected(connection);
    return new Response(null, {
      status: 101,
      webSocket: response.webSocket,
      headers: connection.protocol ? { 'Sec-WebSocket-Protocol': connection.protocol } : {},
    });
  }

  override webSocketMessage(socket: WebSocket, frame: string | ArrayBuffer): void {
    this.#unheardRequest.askClientOf(socket);
    const read = this.#readFrame(socket, frame);
    if ('close' in read) close(socket, read.close);
    else if (read.message !== undefined) this.#accept(socket, read);
  }

  /** Checks one frame; a close reason when the connection must go, else the message (once whole). */
  #readFrame(
    socket: WebSocket,
    frame: string | ArrayBuffer,
  ): FrameReading | { close: CloseReason } {
    if (typeof frame !== 'string') return { close: CLOSE.binary };
    if (frame.length > this.#limits.maxFrameBytes) return { close: CLOSE.tooBig };
    const connection = socket.deserializeAttachment() as ConnectionInfo | null;
    if (connection === null) return { close: CLOSE.malformed };
    const state = this.#stateOf(socket);
    if (!state.rateLimiter.tryTake()) return { close: CLOSE.rateLimited };

    const separator = frame.indexOf('\n');
    if (separator === -1) return { close: CLOSE.malformed };
    let remainder: string | undefined;
    try {
      remainder = state.reassembler.add(frame.slice(separator + 1));
    } catch (error) {
      const tooBig = error instanceof FrameError && error.kind === 'tooBig';
      return { close: tooBig ? CLOSE.tooBig : CLOSE.malformed };
    }
    const toClientId = frame.slice(0, separator);
    if (remainder === undefined) return { connection, toClientId, message: undefined };
    const message = parseProtocolMessage(remainder);
    const refused =
      message === undefined ||
      (message[1] === MESSAGE.contentDiff && !isWellFormedChanges(message[2]));
    return refused ? { close: CLOSE.malformed } : { connection, toClientId, message, remainder };
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
    state.policy ??= createCellPolicy(this.#schema, connection, MAX_CELL_CHARS);
    const filtered = filterIncomingMessage(message, state.policy);
    // After the message, if any: the correction puts back the server's value as it then stands.
    const correction =
      filtered.dropped.length > 0 && state.correctionLimiter.tryTake()
        ? [{ dropped: filtered.dropped.slice(0, MAX_CORRECTIONS_PER_BATCH) }]
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
    if (relayed) {
      const fromClientId = this.ctx.getTags(socket)[0] ?? '';
      // Big messages travel in TinyBase fragments, each under the frame limit.
      const fragments = parts.flatMap((part) => toFragments(part, this.#limits.fragmentBytes));
      sendToEach(
        this.ctx.getWebSockets(),
        fragments.map((fragment) => `${fromClientId}\n${fragment}`),
        socket,
      );
    }
    this.#serverInbox.push([
      ...parts.map((part) => ({ socket, payload: `${SERVER_CLIENT_ID}\n${part}`, relayed })),
      ...correction,
    ]);
  }

  #reportDropped(socket: WebSocket, connection: ConnectionInfo, dropped: readonly DroppedCell[]) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        event: 'changes_dropped',
        store: this.getPathId(),
        userId: connection.userId,
        count: dropped.length,
        sample: dropped.slice(0, 5),
      }),
    );
    if (connection.readOnly) send(socket, READ_ONLY_NOTICE);
  }

  override webSocketClose(
    socket: WebSocket,
    code: number,
    reason: string,
    wasClean: boolean,
  ): void {
    this.#sockets.delete(socket);
    tinyBase.webSocketClose.call(this, socket, code, reason, wasClean);
    answerClose(socket, code, reason);
  }

  override alarm(): Promise<void> {
    return this.#scheduler.run();
  }

  #stateOf(socket: WebSocket): SocketState {
    let state = this.#sockets.get(socket);
    if (state === undefined) {
      state = {
        reassembler: new FragmentReassembler(this.#limits.maxMessageBytes),
        rateLimiter: new RateLimiter(this.#limits.messagesPerSecond, this.#limits.messageBurst),
        correctionLimiter: new RateLimiter(CORRECTION_BATCHES_PER_SECOND, 1),
      };
      this.#sockets.set(socket, state);
    }
    return state;
  }
}
