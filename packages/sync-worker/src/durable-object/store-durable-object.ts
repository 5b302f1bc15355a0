import { type AnySchema, toTinyBaseTablesSchema } from '@tinysync/store';
import type { TablesSchema } from 'tinybase';
import { WsServerDurableObject } from 'tinybase/synchronizers/synchronizer-ws-server-durable-object';
import { refreshedSession } from '../auth/refreshed-session.js';
import type { SyncWorkerConfig } from '../config/sync-worker-options.js';
import type { Env } from '../env.js';
import { type SyncLimits, syncLimitsFrom } from '../sync/sync-limits.js';
import type { MirrorStatus, PullResult } from '../turso/store-mirror.js';
import { AlarmScheduler } from './alarm-scheduler.js';
import { cellTimesOf } from './cell-times.js';
import {
  admitConnection,
  completeUpgrade,
  withServerChosenClientId,
} from './connection-admission.js';
import { ContentAnnouncer } from './content-announcer.js';
import { FrameIntake } from './frame-intake.js';
import { RequestGuard } from './request-guard.js';
import { createDroppedCellRestorer } from './restore-dropped-cells.js';
import type { RowQuery } from './row-query.js';
import { createServerCopy, type ServerCopy } from './server-copy.js';
import { answerClose, withOpenSocketsOnly } from './sockets.js';
import type { StoreResult } from './store-result.js';
import { type ExportedTables, StoreRpc } from './store-rpc.js';
import { isTokenRefreshFrame, TokenRefresh } from './token-refresh.js';
import { UnheardServerRequest } from './unheard-server-request.js';

/** TinyBase implements these socket handlers; its type declarations leave them optional. */
interface TinyBaseHandlers {
  fetch(request: Request): Response;
  webSocketMessage(socket: WebSocket, message: string): void;
  webSocketClose(socket: WebSocket, code: number, reason: string, wasClean: boolean): void;
}
const tinyBase = WsServerDurableObject.prototype as unknown as TinyBaseHandlers;

/**
 * One per store id. TinyBase's WsServerDurableObject relays the standard TinyBase sync protocol
 * between the store's clients and keeps the server's copy; this class adds what it lacks:
 * every frame is checked (size, rate, shape) and every incoming cell validated against the
 * schema and the connection's permissions before TinyBase sees it; read-only connections have
 * their writes dropped; the CRDT state is persisted incrementally; sockets close when their
 * session token expires.
 *
 * The class only wires the runtime's and TinyBase's events to modules with one job each:
 * frame intake (frame-intake.ts), the HTTP API's RPC methods (store-rpc.ts), the one alarm
 * (alarm-scheduler.ts), the content-hash announcements (content-announcer.ts) and the server
 * copy with its persistence and Turso mirror (server-copy.ts).
 */
export class StoreDurableObject extends WsServerDurableObject<Env> {
  readonly #schema: AnySchema;
  readonly #limits: SyncLimits;
  readonly #announcer: ContentAnnouncer;
  readonly #scheduler: AlarmScheduler;
  readonly #intake: FrameIntake;
  readonly #rpc: StoreRpc;
  readonly #tokenRefresh: TokenRefresh;
  readonly #unheardRequest = new UnheardServerRequest();
  readonly #requestGuard: RequestGuard;
  /** The server's copy of the store, made when TinyBase asks for the persister. */
  #copy: ServerCopy | undefined;

  /** `createSyncWorker` makes the class the app exports, which passes its configuration. */
  constructor(ctx: DurableObjectState<object>, env: Env, config: SyncWorkerConfig) {
    super(ctx, env);
    // The runtime insists on the real state for construction; TinyBase reads `this.ctx` later.
    this.ctx = withOpenSocketsOnly(ctx);
    this.#schema = config.schema;
    this.#limits = syncLimitsFrom(env, config.limits);
    const tablesSchema: TablesSchema = toTinyBaseTablesSchema(config.schema);
    const sockets = () => this.ctx.getWebSockets();
    const onError = (error: unknown) => this.onIgnoredError(error);
    this.#announcer = new ContentAnnouncer({
      contentHashes: () => this.#copy?.store.getMergeableContentHashes(),
      sockets,
    });
    this.#scheduler = new AlarmScheduler({
      storage: this.ctx.storage,
      sockets,
      mirror: () => this.#copy?.mirror,
      announce: () => this.#announcer.announce(),
      resyncIntervalMs: this.#limits.resyncIntervalMs,
      onError,
    });
    this.#requestGuard = new RequestGuard({
      limits: this.#limits,
      sockets: this.ctx,
      storeId: () => this.getPathId(),
    });
    this.#intake = new FrameIntake({
      schema: config.schema,
      limits: this.#limits,
      sockets: this.ctx,
      deliver: (socket, payload) => {
        if (this.#requestGuard.admit(socket, payload)) {
          tinyBase.webSocketMessage.call(this, socket, payload);
        }
      },
      applyRelayed: (apply) => this.#announcer.applyRelayed(apply),
      restore: createDroppedCellRestorer({
        tablesSchema,
        store: () => this.#copy?.store,
        sql: () => this.ctx.storage.sql,
        recordChanges: (changes) => this.#copy?.mirror?.recordChanges(changes),
        sockets,
        fragmentBytes: this.#limits.fragmentBytes,
      }),
      appliedRow: (tableId, rowId) => {
        const row = this.#copy?.store.getRow(tableId, rowId);
        return row === undefined || Object.keys(row).length === 0 ? undefined : row;
      },
      // The row's cell stamps, tombstones included: any at all means the server has had it.
      isKnownRow: (tableId, rowId) => {
        const [tables] = this.#copy?.store.getMergeableCellDiff({ [tableId]: { [rowId]: {} } }) ?? [
          {},
        ];
        return Object.hasOwn(tables, tableId);
      },
      appliedCellTimes: (tableId, rowId) => cellTimesOf(this.#copy?.store, tableId, rowId),
      claimAnswer: (socket, requestId) => this.#requestGuard.claimAnswer(socket, requestId),
      storeId: () => this.getPathId(),
      onError,
    });
    this.#rpc = new StoreRpc({
      tablesSchema,
      app: () => this.#copy?.app,
      mirror: () => this.#copy?.mirror,
    });
    this.#tokenRefresh = new TokenRefresh({
      verify: (token, userId) =>
        refreshedSession(token, userId, { storeId: this.getPathId(), env, config }),
      permissionsChanged: (socket) => this.#intake.permissionsChanged(socket),
      expiresAt: (time) => void this.#scheduler.wakeAt(time),
      storeId: () => this.getPathId(),
      onError,
    });
  }

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

  override getRequestTimeoutSeconds() {
    return this.#limits.requestTimeoutSeconds;
  }

  override getFragmentSize() {
    return this.#limits.fragmentBytes;
  }

  override onMessage(fromClientId: string, toClientId: string, remainder: string): void {
    const hasClients = () => this.ctx.getWebSockets().length > 0;
    this.#unheardRequest.observe(fromClientId, toClientId, remainder, hasClients);
    this.#requestGuard.observe(fromClientId, toClientId, remainder);
  }

  override fetch(request: Request): Response | Promise<Response> {
    const admission = admitConnection(request, this.ctx.getWebSockets(), this.#limits);
    if ('refusal' in admission) return admission.refusal;
    const upgrade = withServerChosenClientId(request);
    const response = tinyBase.fetch.call(this, upgrade.request);
    const socket = this.ctx.getWebSockets(upgrade.clientId)[0];
    if (socket === undefined || response.webSocket === null) return response;
    const upgraded = completeUpgrade(socket, admission.connection, response.webSocket);
    this.#scheduler.connected(admission.connection);
    return upgraded;
  }

  override webSocketMessage(socket: WebSocket, frame: string | ArrayBuffer): void | Promise<void> {
    // A fresh session token (token-refresh.ts) is never a TinyBase message.
    if (isTokenRefreshFrame(frame)) return this.#tokenRefresh.receive(socket, frame);
    this.#unheardRequest.askClientOf(socket);
    this.#intake.receive(socket, frame);
  }

  override webSocketClose(
    socket: WebSocket,
    code: number,
    reason: string,
    wasClean: boolean,
  ): void {
    this.#intake.forget(socket);
    tinyBase.webSocketClose.call(this, socket, code, reason, wasClean);
    answerClose(socket, code, reason);
  }

  override alarm(): Promise<void> {
    return this.#scheduler.run();
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
}
