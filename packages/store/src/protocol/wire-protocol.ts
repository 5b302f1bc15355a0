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
 * The request id of the changes the server sends when it puts its own value back over cells it
 * refused (a TinyBase content diff, which standard clients apply whatever its id): it tells a
 * put-back value from every other change, so TinySync's client can report the write refused.
 */
export const CORRECTION_REQUEST_ID = 'tinysync.correction';

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
  /**
   * A refreshed session token (`tokenRefreshFrame`) was refused: invalid, another user's, or
   * no longer allowed this store. Reconnecting asks the server again, at the handshake.
   */
  tokenRefused: { code: 4003, reason: 'token_refused' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

/*
 * In-band token refresh. Session tokens are short-lived (Clerk's: 60 s) and the server closes a
 * socket when its token expires (`CLOSE.tokenExpired`). Before that, the client sends a fresh
 * token over the open socket; the server verifies it as it verified the handshake's and extends
 * the connection, with the role the new token carries.
 */

/**
 * Starts a refresh frame: `tinysync.token:<jwt>`. It has no newline, so it can never be a
 * TinyBase frame (`<toClientId>\n<json>`); the server takes any frame starting with it out
 * before TinyBase's checks and never relays it.
 */
export const TOKEN_REFRESH_PREFIX = 'tinysync.token:';

/** The longest token a refresh frame may carry (characters); a longer one closes `tooBig`. */
export const MAX_REFRESH_TOKEN_CHARS = 16 * 1024;

/**
 * The least time between two refreshes a client sends; the server closes a connection that
 * refreshes more often than that on average (`CLOSE.rateLimited`), since each costs a signature
 * check.
 */
export const MIN_TOKEN_REFRESH_INTERVAL_MS = 1_000;

export function tokenRefreshFrame(token: string): string {
  return `${TOKEN_REFRESH_PREFIX}${token}`;
}

/** What the server answers a refresh it accepted: the connection as it now stands. */
export interface TokenAccepted {
  /** When the connection's token now expires (ms since epoch); the socket is closed then. */
  readonly expiresAt: number;
  /** Whether the connection is now read-only (the new token's role may differ). */
  readonly readOnly: boolean;
}

const TOKEN_ACCEPTED_REQUEST_ID = 'tinysync.token-accepted';

/**
 * The frame that answers an accepted refresh. Like `READ_ONLY_NOTICE`, a TinyBase response to no
 * request, which standard clients ignore; its body is a values stamp
 * (`[{ expiresAt: [ms], readOnly: [flag] }]`), a shape TinyBase accepts as a response body.
 */
export function tokenAcceptedNotice({ expiresAt, readOnly }: TokenAccepted): string {
  const body = [{ expiresAt: [expiresAt], readOnly: [readOnly] }];
  return `${SERVER_CLIENT_ID}\n${JSON.stringify([TOKEN_ACCEPTED_REQUEST_ID, MESSAGE.response, body])}`;
}

/** The answer a frame carries, when it is `tokenAcceptedNotice`'s. */
export function parseTokenAccepted(frame: string): TokenAccepted | undefined {
  if (!frame.startsWith(`${SERVER_CLIENT_ID}\n["${TOKEN_ACCEPTED_REQUEST_ID}"`)) return undefined;
  try {
    const [, , [values]] = JSON.parse(frame.slice(SERVER_CLIENT_ID.length + 1));
    const expiresAt = values?.expiresAt?.[0];
    const readOnly = values?.readOnly?.[0];
    return typeof expiresAt === 'number' && typeof readOnly === 'boolean'
      ? { expiresAt, readOnly }
      : undefined;
  } catch {
    return undefined;
  }
}

/*
 * Object and array cells. TinyBase 10 stores them, but its synchronizers and persisters carry
 * one as JSON text behind a prefix no string cell may start with, and its mergeable stamps hash
 * that text. A replica that stamped the object itself would hash the same write differently,
 * and replicas that disagree on a stamp with the same time never converge; so every stamp
 * TinySync makes, sends or persists holds the encoded text, as TinyBase's own would.
 */

/** TinyBase's prefix of an object or array cell written as JSON text. */
export const JSON_CELL_PREFIX = '\uFFFD';

/** A cell as TinyBase's protocol carries it: objects and arrays as prefixed JSON text. */
export function encodeJsonCell(value: unknown): unknown {
  return value !== null && typeof value === 'object'
    ? JSON_CELL_PREFIX + JSON.stringify(value)
    : value;
}

/** What a protocol cell that claims to be JSON but is not an object or array decodes to. */
export const MALFORMED_JSON_CELL: unique symbol = Symbol('malformed JSON cell');

/**
 * A cell from TinyBase's protocol as the store holds it: prefixed JSON text back to its object
 * or array (`MALFORMED_JSON_CELL` when the text is not one, which TinyBase would drop); any
 * other value as it is.
 */
export function decodeJsonCell(value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith(JSON_CELL_PREFIX)) return value;
  try {
    const decoded: unknown = JSON.parse(value.slice(JSON_CELL_PREFIX.length));
    return decoded !== null && typeof decoded === 'object' ? decoded : MALFORMED_JSON_CELL;
  } catch {
    return MALFORMED_JSON_CELL;
  }
}
