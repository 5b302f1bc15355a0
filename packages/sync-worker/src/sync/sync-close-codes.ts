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
} as const;
