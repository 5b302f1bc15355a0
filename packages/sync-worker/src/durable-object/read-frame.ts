import { CLOSE, type CloseReason, MESSAGE } from '@tinysync/store/protocol';
import { isWellFormedAnswer, isWellFormedChanges } from '../sync/changes-shape.js';
import type { ConnectionInfo } from '../sync/connection-info.js';
import type { FragmentReassembler } from '../sync/fragment-reassembler.js';
import { FrameError } from '../sync/fragments.js';
import { type ProtocolMessage, parseProtocolMessage } from '../sync/protocol-message.js';
import type { RateLimiter } from '../sync/rate-limiter.js';

/** What reading a connection's frames keeps between them. */
export interface FrameReader {
  readonly reassembler: FragmentReassembler;
  readonly rateLimiter: RateLimiter;
}

/** A frame that passed the checks: whole message, or undefined while fragments are missing. */
export type FrameReading =
  | {
      readonly connection: ConnectionInfo;
      readonly toClientId: string;
      readonly message: undefined;
    }
  | WholeMessage;

export interface WholeMessage {
  readonly connection: ConnectionInfo;
  readonly toClientId: string;
  readonly message: ProtocolMessage;
  /** The message as the client sent it, relayed as is when nothing was dropped. */
  readonly remainder: string;
}

/**
 * Checks one frame of `socket` (size, expiry, rate, fragments, shape); a close reason when the
 * connection must go, else the message once whole. Cheap checks come first: a frame that is
 * binary or too big costs nothing more, not even the connection's state (`readerOf`).
 */
export function readFrame(
  socket: WebSocket,
  frame: string | ArrayBuffer,
  readerOf: (socket: WebSocket) => FrameReader,
  maxFrameBytes: number,
): FrameReading | { close: CloseReason } {
  if (typeof frame !== 'string') return { close: CLOSE.binary };
  if (frame.length > maxFrameBytes) return { close: CLOSE.tooBig };
  // Read anew for every frame: an in-band token refresh (token-refresh.ts) moves `expiresAt`.
  const connection = socket.deserializeAttachment() as ConnectionInfo | null;
  if (connection === null) return { close: CLOSE.malformed };
  // The alarm closes an expired connection, but it can run late: until then, no frame counts.
  if (connection.expiresAt <= Date.now()) return { close: CLOSE.tokenExpired };
  const reader = readerOf(socket);
  if (!reader.rateLimiter.tryTake()) return { close: CLOSE.rateLimited };

  const separator = frame.indexOf('\n');
  if (separator === -1) return { close: CLOSE.malformed };
  let remainder: string | undefined;
  try {
    remainder = reader.reassembler.add(frame.slice(separator + 1));
  } catch (error) {
    const tooBig = error instanceof FrameError && error.kind === 'tooBig';
    return { close: tooBig ? CLOSE.tooBig : CLOSE.malformed };
  }
  const toClientId = frame.slice(0, separator);
  if (remainder === undefined) return { connection, toClientId, message: undefined };
  const message = parseProtocolMessage(remainder);
  // What TinyBase would close the connection for is refused here, before it is relayed or
  // counted on.
  const refused =
    message === undefined ||
    (message[1] === MESSAGE.contentDiff && !isWellFormedChanges(message[2])) ||
    (message[1] === MESSAGE.response && !isWellFormedAnswer(message[2]));
  return refused ? { close: CLOSE.malformed } : { connection, toClientId, message, remainder };
}
