import { appSchema } from '@tinysync/store';
import { createMergeableStore } from 'tinybase';
import { WsServerDurableObject } from 'tinybase/synchronizers/synchronizer-ws-server-durable-object';
import type { Env } from '../env.ts';
import { createIncrementalSqlPersister } from '../persistence/incremental-sql-persister.ts';
import { createCellPolicy } from '../sync/cell-policy.ts';
import {
  CONNECTION_HEADER,
  type ConnectionInfo,
  parseConnectionInfo,
  READ_ONLY_NOTICE,
} from '../sync/connection-info.ts';
import { filterIncomingMessage } from '../sync/filter-changes.ts';
import { FragmentReassembler, FrameError, toFragments } from '../sync/fragments.ts';
import { type ProtocolMessage, parseProtocolMessage } from '../sync/protocol-message.ts';
import { RateLimiter } from '../sync/rate-limiter.ts';
import { CLOSE } from '../sync/sync-close-codes.ts';
import { DEFAULT_SYNC_LIMITS } from '../sync/sync-limits.ts';

const MAX_CELL_CHARS = 100_000;

/** TinyBase implements these socket handlers; its type declarations leave them optional. */
interface TinyBaseHandlers {
  fetch(request: Request): Response;
  webSocketMessage(socket: WebSocket, message: string): void;
  webSocketClose(socket: WebSocket, code: number, reason: string, wasClean: boolean): void;
}
const tinyBase = WsServerDurableObject.prototype as unknown as TinyBaseHandlers;

type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

/** A frame that passed the checks: whole message, or undefined while fragments are missing. */
interface FrameReading {
  readonly connection: ConnectionInfo;
  readonly toClientId: string;
  readonly message: ProtocolMessage | undefined;
}

/** Per-socket state that need not survive hibernation (a reconnect rebuilds it). */
interface SocketState {
  readonly reassembler: FragmentReassembler;
  readonly rateLimiter: RateLimiter;
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
  readonly #limits = DEFAULT_SYNC_LIMITS;
  readonly #schema = appSchema;
  readonly #sockets = new WeakMap<WebSocket, SocketState>();

  override createPersister() {
    return createIncrementalSqlPersister(createMergeableStore(), this.ctx.storage.sql, (error) =>
      this.onIgnoredError(error),
    );
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
    if (connection.readOnly) socket.send(READ_ONLY_NOTICE);
    void this.#scheduleExpiryAlarm(connection.expiresAt);
    return new Response(null, {
      status: 101,
      webSocket: response.webSocket,
      headers: connection.protocol ? { 'Sec-WebSocket-Protocol': connection.protocol } : {},
    });
  }

  override webSocketMessage(socket: WebSocket, frame: string | ArrayBuffer): void {
    const read = this.#readFrame(socket, frame);
    if ('close' in read) close(socket, read.close);
    else if (read.message !== undefined) this.#accept(socket, { ...read, message: read.message });
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
    return message === undefined ? { close: CLOSE.malformed } : { connection, toClientId, message };
  }

  /** Drops what the connection may not write, then hands the rest to TinyBase to apply and relay. */
  #accept(
    socket: WebSocket,
    { connection, toClientId, message }: FrameReading & { message: ProtocolMessage },
  ) {
    const policy = createCellPolicy(this.#schema, connection, MAX_CELL_CHARS);
    const filtered = filterIncomingMessage(message, policy);
    if (filtered.dropped.length > 0) {
      console.warn(
        JSON.stringify({
          level: 'warn',
          event: 'changes_dropped',
          store: this.getPathId(),
          userId: connection.userId,
          count: filtered.dropped.length,
          sample: filtered.dropped.slice(0, 5),
        }),
      );
      if (connection.readOnly) socket.send(READ_ONLY_NOTICE);
    }
    if (filtered.message === undefined) return;
    // TinyBase relays what it is given as it is: fragments keep big messages under frame limits.
    const remainder = JSON.stringify(filtered.message);
    for (const fragment of toFragments(remainder, this.#limits.fragmentBytes)) {
      tinyBase.webSocketMessage.call(this, socket, `${toClientId}\n${fragment}`);
    }
  }

  override webSocketClose(
    socket: WebSocket,
    code: number,
    reason: string,
    wasClean: boolean,
  ): void {
    this.#sockets.delete(socket);
    tinyBase.webSocketClose.call(this, socket, code, reason, wasClean);
  }

  /** Closes the sockets whose session token has expired and waits for the next expiry. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const socket of this.ctx.getWebSockets()) {
      const connection = socket.deserializeAttachment() as ConnectionInfo | null;
      if (connection === null) continue;
      if (connection.expiresAt <= now) close(socket, CLOSE.tokenExpired);
      else next = Math.min(next, connection.expiresAt);
    }
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(next);
  }

  async #scheduleExpiryAlarm(expiresAt: number) {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || expiresAt < current) await this.ctx.storage.setAlarm(expiresAt);
  }

  #stateOf(socket: WebSocket): SocketState {
    let state = this.#sockets.get(socket);
    if (state === undefined) {
      state = {
        reassembler: new FragmentReassembler(this.#limits.maxMessageBytes),
        rateLimiter: new RateLimiter(this.#limits.messagesPerSecond, this.#limits.messageBurst),
      };
      this.#sockets.set(socket, state);
    }
    return state;
  }
}

function close(socket: WebSocket, { code, reason }: CloseReason): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closing: nothing left to tell it.
  }
}
