import { CLOSE } from '../protocol/wire-protocol.js';

/**
 * Close codes the sync worker uses when it refuses what this client sent (see the worker's
 * README, "What the Durable Object checks"). Any other close is the network or the server.
 */
const REFUSALS: ReadonlyMap<number, string> = new Map([
  [CLOSE.binary.code, 'a binary frame'],
  [CLOSE.malformed.code, 'a malformed message'],
  [CLOSE.tooBig.code, 'a message over its size limit (TINYSYNC_MAX_MESSAGE_BYTES)'],
  [CLOSE.rateLimited.code, 'more messages than its rate limit allows'],
  [CLOSE.readOnlyWrites.code, 'writes on a read-only connection after telling it so'],
]);

/**
 * The server closed the connection because of something this client sent. The client keeps
 * reconnecting (a later attempt may succeed, e.g. once a rate limit has passed); until one
 * does, this is the status's error, so the cause is not hidden behind a plain "connecting".
 */
export class SyncRefusedError extends Error {
  readonly code = 'sync_refused';

  constructor(
    readonly closeCode: number,
    readonly reason: string,
  ) {
    super(`The sync server refused ${REFUSALS.get(closeCode)} (${closeCode} ${reason})`.trim());
    this.name = 'SyncRefusedError';
  }
}

/** The refusal a socket's close event reports, if it is one. */
export function refusalOf(event: { readonly code?: number; readonly reason?: string }) {
  const { code, reason = '' } = event;
  return code !== undefined && REFUSALS.has(code) ? new SyncRefusedError(code, reason) : undefined;
}
