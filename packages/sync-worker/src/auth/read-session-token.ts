import { AUTH_PROTOCOL_PREFIX, SYNC_PROTOCOL } from '@tinysync/store/protocol';

/*
 * The subprotocol a TinySync client offers on every WebSocket, and the one the server echoes.
 *
 * Browsers cannot set headers on a WebSocket handshake, so a browser client passes its session
 * token as a second subprotocol:
 *
 *     Sec-WebSocket-Protocol: tinysync, tinysync.auth.<jwt>
 *
 * A JWT is three base64url parts joined by dots, and all of those characters are valid HTTP
 * token characters, so the token fits in a subprotocol name unchanged. The server must answer
 * with exactly one of the offered protocols or the browser fails the connection; it echoes
 * `tinysync` (never the auth protocol, which would copy the token into the response).
 */

/** Where a request carried its session token. */
export type SessionTokenSource = 'authorization' | 'query' | 'protocol';

export interface SessionTokenFromRequest {
  readonly token: string;
  readonly source: SessionTokenSource;
  /**
   * The subprotocol the server must put in its 101 response; present whenever the client
   * offered `tinysync`, whichever place the token came from.
   */
  readonly protocol?: typeof SYNC_PROTOCOL;
}

/**
 * The session token of a request: `Authorization: Bearer <jwt>`, else — on a WebSocket upgrade
 * only — the `?token=` query parameter, else the `tinysync.auth.<jwt>` subprotocol. `undefined`
 * when there is none. Nothing is verified here.
 *
 * The query is a last resort for WebSocket clients that can set neither headers nor
 * subprotocols; an HTTP client can always send the header, and a token in a URL ends up in
 * request logs, proxies and browser history, so HTTP routes never read it.
 */
export function readSessionToken(request: Request): SessionTokenFromRequest | undefined {
  const offeredProtocols = parseProtocols(request.headers.get('sec-websocket-protocol'));
  const echo = offeredProtocols.includes(SYNC_PROTOCOL)
    ? ({ protocol: SYNC_PROTOCOL } as const)
    : {};

  const bearer = bearerToken(request.headers.get('authorization'));
  if (bearer !== undefined) return { token: bearer, source: 'authorization', ...echo };

  const upgrade = request.headers.get('upgrade')?.toLowerCase() === 'websocket';
  const query = upgrade ? new URL(request.url).searchParams.get('token')?.trim() : undefined;
  if (query) return { token: query, source: 'query', ...echo };

  const fromProtocol = offeredProtocols
    .find((protocol) => protocol.startsWith(AUTH_PROTOCOL_PREFIX))
    ?.slice(AUTH_PROTOCOL_PREFIX.length);
  if (fromProtocol) return { token: fromProtocol, source: 'protocol', ...echo };

  return undefined;
}

function bearerToken(header: string | null): string | undefined {
  // The scheme is case-insensitive (RFC 9110 §11.1); other schemes are not ours to read.
  const match = header?.match(/^\s*bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

function parseProtocols(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol.length > 0);
}
