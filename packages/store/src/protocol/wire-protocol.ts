/**
 * `@tinysync/store/protocol`: the facts TinySync's client and its sync worker both depend on,
 * written once. The wire is TinyBase's sync protocol, unchanged; what TinySync adds on top is
 * here too. No imports, so either end (a browser bundle, a Worker) can take it as it is.
 *
 * A frame is `<toClientId>\n<remainder>`; the remainder is `[requestId, message type, body]` as
 * JSON, or a fragment of a bigger one (`<16-char id>\n<index>\n<total>\n<chunk>`).
 */

/** TinyBase's id for the server's own copy of the store: the recipient of every request. */
export const SERVER_CLIENT_ID = 'S';

/** TinyBase's recipient for a message to every client. */
export const BROADCAST_CLIENT_ID = '';

/** TinyBase synchronizer message types (tinybase/synchronizers). */
export const MESSAGE = {
  response: 0,
  getContentHashes: 1,
  contentHashes: 2,
  contentDiff: 3,
  getTableDiff: 4,
  getRowDiff: 5,
  getCellDiff: 6,
  getValueDiff: 7,
} as const;

export type MessageType = (typeof MESSAGE)[keyof typeof MESSAGE];

/**
 * TinyBase's encoding of `undefined`, the value of a deleted cell (`null` is a value), where
 * JSON cannot hold it: on the wire and in its JSON persisters alike.
 */
export const DELETED_ON_THE_WIRE = '\uFFFC';

/**
 * A TinyBase mergeable stamp: a thing and, unless empty, the time (HLC) it last changed. Changes
 * carry `[thing, time?]`; content adds the hash of the thing: `[thing, time, hash]`.
 */
export type Stamp<Thing = unknown> = [thing: Thing, time?: string, hash?: number];

/**
 * Size of the fragments both ends send big messages in (characters): well under the server's
 * default 1 MiB frame limit, which refuses bigger frames outright.
 */
export const FRAGMENT_BYTES = 256 * 1024;

/**
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
export const READ_ONLY_NOTICE = `${SERVER_CLIENT_ID}\n${JSON.stringify(['tinysync.read-only', MESSAGE.response, [0, 0]])}`;

/**
 * How long a synchronizer waits for an answer, on both ends. TinyBase's 1 s default loses big
 * syncs: a 50k-row initial sync times out, and back-to-back bursts drop rows silently.
 */
export const REQUEST_TIMEOUT_SECONDS = 30;

/**
 * WebSocket close codes the server uses, so a client can tell why it was disconnected.
 * 4000–4999 are application codes; a client should reconnect with a fresh token on 4001.
 */
export const CLOSE = {
  /** Frame was not a TinyBase message (not text, not JSON, wrong shape). */
  malformed: { code: 1007, reason: 'malformed_frame' },
  /** Frame or reassembled message over the size limit. */
  tooBig: { code: 1009, reason: 'message_too_big' },
  /** Binary frames are not part of the protocol. */
  binary: { code: 1003, reason: 'binary_frames_not_supported' },
  /** The session token expired; reconnect with a fresh one. */
  tokenExpired: { code: 4001, reason: 'token_expired' },
  /** Too many messages per second. */
  rateLimited: { code: 4029, reason: 'rate_limited' },
  /** A read-only connection kept sending writes after it was told it is read-only. */
  readOnlyWrites: { code: 4030, reason: 'read_only_writes' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];
