import { READ_ONLY_NOTICE } from '@tinysync/store/protocol';
import {
  CONNECTION_HEADER,
  type ConnectionInfo,
  parseConnectionInfo,
} from '../sync/connection-info.js';
import { send } from './sockets.js';

/**
 * Whether a WebSocket upgrade may go on to TinyBase: it must come through the Worker (which
 * authenticated it and says so in a header), and the store must have room for one more.
 */
export function admitConnection(
  request: Request,
  openSockets: number,
  maxConnectionsPerStore: number,
): { readonly connection: ConnectionInfo } | { readonly refusal: Response } {
  const connection = parseConnectionInfo(request.headers.get(CONNECTION_HEADER));
  if (connection === undefined) {
    return { refusal: errorResponse(400, 'bad_request', 'Connect through the Worker') };
  }
  if (openSockets >= maxConnectionsPerStore) {
    return {
      refusal: errorResponse(429, 'too_many_connections', 'This store has too many connections'),
    };
  }
  return { connection };
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

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}
