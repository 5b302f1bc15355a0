/**
 * What TinySync's client and server agree on, on top of TinyBase's unchanged sync protocol.
 *
 * Browsers cannot set headers on a WebSocket handshake, so the client offers two subprotocols,
 * `tinysync` and `tinysync.auth.<session token>` (JWT characters are valid in protocol names);
 * the server echoes `tinysync`.
 */
export const SYNC_PROTOCOL = 'tinysync';
export const AUTH_PROTOCOL_PREFIX = 'tinysync.auth.';

/**
 * The frame a read-only connection receives: a TinyBase response to no request, which
 * standard TinyBase clients ignore.
 */
export const READ_ONLY_NOTICE = 'S\n["tinysync.read-only",0,[0,0]]';

/** Request ids of the client's own "what do you hold?" questions to the server. */
export const CONFIRMATION_REQUEST_PREFIX = 'tinysync.confirm.';

/** TinyBase's id for the server's own copy of the store, and its "get content hashes" message. */
export const SERVER_CLIENT_ID = 'S';
export const GET_CONTENT_HASHES = 1;
