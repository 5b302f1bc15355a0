import { MESSAGE, type Stamp } from '@tinysync/store/protocol';
import type { ProtocolMessage } from './protocol-message.js';
import { define, isPlainObject, isStamp } from './stamps.js';

/**
 * Characters a message passed on to a TinyBase receiver may have. TinyBase gives a connection
 * up once one message would take more than 16 MiB of UTF-8 (in fragments or whole); 4 Mi
 * characters stay under that whatever the text.
 */
export const MAX_PART_CHARS = 4 * 1024 * 1024;

type TablesStamp = [tables: Record<string, Stamp>, time?: string];

/**
 * Splits a message carrying rows into remainders of at most about `maxChars` each, so that
 * TinyBase's receivers (the server's copy, the clients a push is relayed to) accept it. A
 * client's offline edits arrive as one answer to the server's diff request: 150k new rows
 * make 25 MB. The rows beyond the last part travel as content diffs, which TinyBase merges as
 * they arrive; the last part stays in the original message, so a request is still answered.
 * Merging is per cell, so the parts merge exactly as the whole would.
 *
 * A message that is small enough, or carries no rows, is returned as it is.
 */
export function splitChanges(
  message: ProtocolMessage,
  remainder: string,
  maxChars = MAX_PART_CHARS,
): string[] {
  if (remainder.length <= maxChars) return [remainder];
  const [requestId, type, body] = message;
  const carried = rowsCarriedBy(type, body);
  if (carried === undefined) return [remainder];
  const parts = splitTablesStamp(carried.tables, maxChars);
  const last = parts.pop() as TablesStamp;
  const diffs = parts.map((tables) =>
    JSON.stringify([requestId, MESSAGE.contentDiff, [tables, [{}], 1]]),
  );
  return [...diffs, JSON.stringify([requestId, type, carried.withTables(last)])];
}

/** The tables stamp a data-carrying message holds, and how to put a smaller one in its place. */
function rowsCarriedBy(
  type: number,
  body: unknown,
): { tables: TablesStamp; withTables: (tables: TablesStamp) => unknown } | undefined {
  if (!Array.isArray(body)) return undefined;
  // A pushed change: [tables, values] or [tables, values, 1].
  if (type === MESSAGE.contentDiff && isTablesStamp(body[0])) {
    return { tables: body[0], withTables: (tables) => [tables, ...body.slice(1)] };
  }
  if (type !== MESSAGE.response) return undefined;
  // The answer to a table or row diff request: [new tables or rows, different hashes].
  if (body.length === 2 && isTablesStamp(body[0])) {
    return { tables: body[0], withTables: (tables) => [tables, body[1]] };
  }
  // The answer to a cell diff request: the tables stamp itself.
  if (isTablesStamp(body)) return { tables: body, withTables: (tables) => tables };
  return undefined;
}

/** Row-sized parts of a tables stamp, each table and the whole keeping their own times. */
function splitTablesStamp([tables, time]: TablesStamp, maxChars: number): TablesStamp[] {
  const parts: TablesStamp[] = [];
  let current: Record<string, Stamp> = {};
  let chars = 0;
  const close = () => {
    parts.push(time === undefined ? [current] : [current, time]);
    current = {};
    chars = 0;
  };
  for (const [tableId, [rows, tableTime]] of Object.entries(tables)) {
    const rowEntries = Object.entries(rows as Record<string, Stamp>);
    if (rowEntries.length === 0) {
      define(current, tableId, tableStamp({}, tableTime));
      continue;
    }
    for (const [rowId, row] of rowEntries) {
      const rowChars = rowId.length + JSON.stringify(row).length + 4;
      if (chars > 0 && chars + rowChars > maxChars) close();
      const table = Object.hasOwn(current, tableId)
        ? (current[tableId] as Stamp)
        : define(current, tableId, tableStamp({}, tableTime));
      define(table[0] as Record<string, Stamp>, rowId, row);
      chars += rowChars;
    }
  }
  if (chars > 0 || Object.keys(current).length > 0 || parts.length === 0) close();
  return parts;
}

function tableStamp(rows: Record<string, Stamp>, time: string | undefined): Stamp {
  return time === undefined ? [rows] : [rows, time];
}

/** `[{ tableId: [{ rowId: stamp }, time?] }, time?]`: rows are passed on as they are. */
function isTablesStamp(value: unknown): value is TablesStamp {
  return (
    isStamp(value) &&
    isPlainObject(value[0]) &&
    Object.values(value[0]).every((table) => isStamp(table) && isPlainObject(table[0]))
  );
}
