import { MESSAGE, type Stamp } from '@tinysync/store/protocol';
import type { ProtocolMessage } from './protocol-message.js';
import { define, isStamp, ownEntries } from './stamps.js';

/** Why one cell of an incoming change was not accepted. */
export interface DroppedCell {
  readonly tableId: string;
  readonly rowId: string;
  readonly cellId: string;
  readonly reason: string;
  /** The dropped write's stamp time (HLC), when it had one. */
  readonly time?: string;
}

/** Decides whether a client may write one cell; a string is the reason it may not. */
export type CellPolicy = (
  tableId: string,
  rowId: string,
  cellId: string,
  value: unknown,
) => string | undefined;

export interface FilteredMessage {
  /** The message to pass on, or undefined when nothing of it is left to pass on. */
  readonly message: ProtocolMessage | undefined;
  readonly dropped: readonly DroppedCell[];
}

/**
 * Removes from a client's message every cell it may not write. Messages carrying data are
 * content diffs (pushed changes) and responses to the server's diff requests (how offline
 * edits arrive); the rest carry only hashes and pass unchanged. A push with nothing left is
 * dropped; a response is still passed on (emptied), so the server's request does not hang.
 */
export function filterIncomingMessage(
  [requestId, type, body]: ProtocolMessage,
  policy: CellPolicy,
): FilteredMessage {
  const dropped: DroppedCell[] = [];
  const filterTables = (stamp: Stamp) => filterTablesStamp(stamp, policy, dropped);

  if (type === MESSAGE.contentDiff && Array.isArray(body) && isStamp(body[0])) {
    const tables = filterTables(body[0]);
    const values = dropValues(body[1], dropped);
    const empty = isEmptyStamp(tables) && isEmptyStamp(values);
    return {
      message: empty ? undefined : [requestId, type, [tables, values, ...body.slice(2)]],
      dropped,
    };
  }
  if (type === MESSAGE.response) {
    if (isStamp(body)) return { message: [requestId, type, filterTables(body)], dropped };
    if (Array.isArray(body) && body.length === 2 && isStamp(body[0])) {
      return { message: [requestId, type, [filterTables(body[0]), body[1]]], dropped };
    }
  }
  return { message: [requestId, type, body], dropped };
}

function filterTablesStamp(stamp: Stamp, policy: CellPolicy, dropped: DroppedCell[]): Stamp {
  const tables: Record<string, Stamp> = {};
  for (const [tableId, tableStamp] of ownEntries(stamp[0])) {
    if (!isStamp(tableStamp)) continue;
    const rows: Record<string, Stamp> = {};
    for (const [rowId, rowStamp] of ownEntries(tableStamp[0])) {
      if (!isStamp(rowStamp)) continue;
      const cells: Record<string, Stamp> = {};
      for (const [cellId, cellStamp] of ownEntries(rowStamp[0])) {
        if (!isStamp(cellStamp)) continue;
        const reason = policy(tableId, rowId, cellId, cellStamp[0]);
        if (reason === undefined) define(cells, cellId, cellStamp);
        else dropped.push({ tableId, rowId, cellId, reason, ...timeOf(cellStamp) });
      }
      if (Object.keys(cells).length > 0)
        define(rows, rowId, [cells, ...rowStamp.slice(1)] as Stamp);
    }
    if (Object.keys(rows).length > 0)
      define(tables, tableId, [rows, ...tableStamp.slice(1)] as Stamp);
  }
  return [tables, ...stamp.slice(1)] as Stamp;
}

/** TinySync schemas have tables only; keyed values from a client are not accepted. */
function dropValues(stamp: unknown, dropped: DroppedCell[]): Stamp {
  if (!isStamp(stamp)) return [{}, ''];
  for (const [valueId] of ownEntries(stamp[0])) {
    dropped.push({
      tableId: '',
      rowId: '',
      cellId: valueId,
      reason: 'values are not part of the schema',
    });
  }
  return [{}, ...stamp.slice(1)] as Stamp;
}

function isEmptyStamp(stamp: Stamp): boolean {
  return Object.keys(stamp[0] as object).length === 0;
}

function timeOf(stamp: Stamp): { time?: string } {
  return typeof stamp[1] === 'string' && stamp[1] !== '' ? { time: stamp[1] } : {};
}
