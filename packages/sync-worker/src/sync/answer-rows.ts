import { MESSAGE } from '@tinysync/store/protocol';
import type { ProtocolMessage } from './protocol-message.js';
import { isPlainObject, isStamp } from './stamps.js';

/**
 * Whether a message is an answer that can carry rows: a tables stamp, alone (cells) or with
 * hashes (tables, rows), the shapes filter-changes.ts filters. Only an answer the server waits
 * on may bring rows: TinyBase ignores any other.
 */
export function isDataAnswer([, type, body]: ProtocolMessage): boolean {
  return (
    type === MESSAGE.response &&
    (isStamp(body) || (Array.isArray(body) && body.length === 2 && isStamp(body[0])))
  );
}

/**
 * An answer's rows as a content diff, ahead of the answer emptied of them, for the server's
 * copy. TinyBase applies an answer's rows only if its request is still waiting when the answer
 * reaches it, and only once the whole pull is over; a content diff it always applies. So the
 * rows the server counts on (queued-rows.ts) are the rows it applies, even when the request
 * times out between the answer's arrival and its delivery. The emptied answer still settles the
 * request. Merging is per cell, so the rows merge as they would have within the pull.
 */
export function withRowsAhead(message: ProtocolMessage): ProtocolMessage[] {
  const [requestId, type, body] = message;
  if (type !== MESSAGE.response || !Array.isArray(body)) return [message];
  const withHashes = body.length === 2 && isStamp(body[0]);
  const tables: unknown = withHashes ? body[0] : body;
  if (!isStamp(tables) || !isPlainObject(tables[0]) || Object.keys(tables[0]).length === 0) {
    return [message];
  }
  const emptied = [{}, ...tables.slice(1)];
  return [
    [requestId, MESSAGE.contentDiff, [tables, [{}, ''], 1]],
    [requestId, type, withHashes ? [emptied, body[1]] : emptied],
  ];
}
