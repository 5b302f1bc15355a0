import { READ_ONLY_NOTICE } from '@tinysync/store/protocol';
import {
  CONNECTION_HEADER,
  type ConnectionInfo,
  parseConnectionInfo,
} from '../sync/connection-info.js';
import type { SyncLimits } from '../sync/sync-limits.js';
import { send } from './sockets.js';

type ConnectionLimits = Pick<SyncLimits, 'maxConnectionsPerStore' | 'maxConnectionsPerUser'>;

/**
 * Whether a WebSocket upgrade may go on to TinyBase: it must come through the Worker (which
 * authenticated it and says so in a header), and both the store and the user must have room
 * for one more (one user's sockets may not crowd the others out of the store).
 */
export function admitConnection(
  request: Request,
  openSockets: readonly WebSocket[],
  limits: ConnectionLimits,
): { readonly connection: ConnectionInfo } | { readonly refusal: Response } {
  const connection = parseConnectionInfo(request.headers.get(CONNECTION_HEADER));
  if (connection === undefined) {
    return { refusal: errorResponse(400, 'bad_request', 'Connect through the Worker') };
  }
  if (openSockets.length >= limits.maxConnectionsPerStore) {
    return { refusal: tooManyConnections('This store has too many connections') };
  }
  const usersSockets = openSockets.filter((socket) => userOf(socket) === connection.userId);
  if (usersSockets.length >= limits.maxConnectionsPerUser) {
    return { refusal: tooManyConnections('You have too many connections to this store') };
  }
  return { connection };
}

/**
 * The upgrade as TinyBase's `fetch` should see it, with a client id the server chose. TinyBase
 * takes a socket's client id (its tag, the address of the messages meant for it) from the
 * `Sec-WebSocket-Key` header, which any client can set: two sockets with one key would share
 * one id, and the second's attachment would land on the first socket. A fresh random id per
 * upgrade makes each socket's id its own.
 */
export function withServerChosenClientId(request: Request): {
  readonly request: Request;
  readonly clientId: string;
} {
  const clientId = crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set('Sec-WebSocket-Key', clientId);
  return { request: new Request(request.url, { headers }), clientId };
}

/**
 * Keeps what the Worker learned with the socket TinyBase accepted (as its attachment, which
 * survives hibernation), tells a read-only connection so, and answers the upgrade with the
 * subprotocol the client offered, which a browser requires back.
 */
export function completeUpgrade(
  socket: WebSocket,
  connection: ConnectionInfo,
  clientEnd: WebSocket,
): Response {
  socket.serializeAttachment(connection);
  if (connection.readOnly) send(socket, READ_ONLY_NOTICE);
  return new Response(null, {
    status: 101,
    webSocket: clientEnd,
    headers: connection.protocol ? { 'Sec-WebSocket-Protocol': connection.protocol } : {},
  });
}

function userOf(socket: WebSocket): string | undefined {
  return (socket.deserializeAttachment() as ConnectionInfo | null)?.userId;
}

function tooManyConnections(message: string): Response {
  return errorResponse(429, 'too_many_connections', message);
}

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}
