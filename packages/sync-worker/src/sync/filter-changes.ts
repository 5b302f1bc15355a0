import { DELETED_ON_THE_WIRE, decodeJsonCell, MESSAGE, type Stamp } from '@tinysync/store/protocol';
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
  /** Whether the dropped write was a deletion of the cell. */
  readonly deletion: boolean;
  /**
   * Set when the cell was held back rather than refused: the server puts nothing back over it,
   * since the rest of its row may still be on its way (see row-policy.ts).
   */
  readonly heldBack?: true;
}

/** Decides whether a client may write one cell; a string is the reason it may not. */
export type CellPolicy = (
  tableId: string,
  rowId: string,
  cellId: string,
  value: unknown,
) => string | undefined;

/** Why a row's incoming cells are dropped, and whether for good or only for now. */
export interface RowRefusal {
  readonly reason: string;
  /** Held back, not refused: nothing is put back over the cells (see `DroppedCell.heldBack`). */
  readonly heldBack: boolean;
}

/**
 * Decides whether a row may be left as the cells a message brings would leave it (each cell
 * passed the cell policy); a refusal drops every one of them. Cells are values,
 * `DELETED_ON_THE_WIRE` for deletions.
 */
export type RowPolicy = (
  tableId: string,
  rowId: string,
  cells: Readonly<Record<string, unknown>>,
) => RowRefusal | undefined;

/** The cells of one row a message brings that passed both policies, object and array cells decoded. */
export interface AcceptedRow {
  readonly tableId: string;
  readonly rowId: string;
  readonly cells: Readonly<Record<string, unknown>>;
  /** Each cell's HLC time ('' when it has none). */
  readonly times: Readonly<Record<string, string>>;
}

/**
 * For one row, whether an incoming cell would lose to what the server holds or has queued for it
 * (TinyBase keeps the later stamp): such a cell changes nothing, so it is left out, neither
 * dropped (nothing to put back) nor judged nor counted on.
 */
export type StalePolicy = (
  tableId: string,
  rowId: string,
) => (cellId: string, time: string) => boolean;

export interface FilteredMessage {
  /** The message to pass on, or undefined when nothing of it is left to pass on. */
  readonly message: ProtocolMessage | undefined;
  readonly dropped: readonly DroppedCell[];
  /** What of the message's tables passes on, row by row. */
  readonly accepted: readonly AcceptedRow[];
}

/** The checks a message's cells go through: each cell, then each row as they would leave it. */
export interface ChangePolicies {
  readonly cell: CellPolicy;
  readonly row?: RowPolicy;
  readonly stale?: StalePolicy;
}

/**
 * Removes from a client's message every cell it may not write. Messages carrying data are
 * content diffs (pushed changes) and responses to the server's diff requests (how offline
 * edits arrive); the rest carry only hashes and pass unchanged. A push with nothing left is
 * dropped; a response is still passed on (emptied), so the server's request does not hang.
 */
export function filterIncomingMessage(
  [requestId, type, body]: ProtocolMessage,
  policies: ChangePolicies,
): FilteredMessage {
  const dropped: DroppedCell[] = [];
  const accepted: AcceptedRow[] = [];
  const filterTables = (stamp: Stamp) => filterTablesStamp(stamp, policies, dropped, accepted);

  if (type === MESSAGE.contentDiff && Array.isArray(body) && isStamp(body[0])) {
    const tables = filterTables(body[0]);
    const values = dropValues(body[1], dropped);
    const empty = isEmptyStamp(tables) && isEmptyStamp(values);
    return {
      message: empty ? undefined : [requestId, type, [tables, values, ...body.slice(2)]],
      dropped,
      accepted,
    };
  }
  if (type === MESSAGE.response) {
    if (isStamp(body)) return { message: [requestId, type, filterTables(body)], dropped, accepted };
    if (Array.isArray(body) && body.length === 2 && isStamp(body[0])) {
      return { message: [requestId, type, [filterTables(body[0]), body[1]]], dropped, accepted };
    }
  }
  return { message: [requestId, type, body], dropped, accepted };
}

function filterTablesStamp(
  stamp: Stamp,
  policies: ChangePolicies,
  dropped: DroppedCell[],
  accepted: AcceptedRow[],
): Stamp {
  const tables: Record<string, Stamp> = {};
  for (const [tableId, tableStamp] of ownEntries(stamp[0])) {
    if (!isStamp(tableStamp)) continue;
    const rows: Record<string, Stamp> = {};
    for (const [rowId, rowStamp] of ownEntries(tableStamp[0])) {
      if (!isStamp(rowStamp)) continue;
      const cells = filterRowStamp(tableId, rowId, rowStamp, policies, dropped);
      if (cells === undefined) continue;
      define(rows, rowId, [cells.stamps, ...rowStamp.slice(1)] as Stamp);
      accepted.push({ tableId, rowId, cells: cells.cells, times: cells.times });
    }
    if (Object.keys(rows).length > 0)
      define(tables, tableId, [rows, ...tableStamp.slice(1)] as Stamp);
  }
  return [tables, ...stamp.slice(1)] as Stamp;
}

/** The cells of one row that pass both policies, or undefined when none does. */
function filterRowStamp(
  tableId: string,
  rowId: string,
  rowStamp: Stamp,
  { cell: cellPolicy, row: rowPolicy, stale: stalePolicy }: ChangePolicies,
  dropped: DroppedCell[],
): (Pick<AcceptedRow, 'cells' | 'times'> & { stamps: Record<string, Stamp> }) | undefined {
  const stamps: Record<string, Stamp> = {};
  const values: Record<string, unknown> = {};
  const times: Record<string, string> = {};
  let isStale: ((cellId: string, time: string) => boolean) | undefined;
  const drop = (cellId: string, cellStamp: Stamp, reason: string, heldBack = false) =>
    dropped.push({
      tableId,
      rowId,
      cellId,
      reason,
      ...writeOf(cellStamp),
      ...(heldBack ? { heldBack } : {}),
    });
  for (const [cellId, cellStamp] of ownEntries(rowStamp[0])) {
    if (!isStamp(cellStamp)) continue;
    const reason = cellPolicy(tableId, rowId, cellId, cellStamp[0]);
    if (reason !== undefined) {
      drop(cellId, cellStamp, reason);
      continue;
    }
    const time = typeof cellStamp[1] === 'string' ? cellStamp[1] : '';
    isStale ??= stalePolicy?.(tableId, rowId) ?? (() => false);
    if (isStale(cellId, time)) continue;
    define(stamps, cellId, cellStamp);
    // Rows are judged, and queued, as the store will hold them: JSON cells decoded.
    define(values, cellId, decodeJsonCell(cellStamp[0]));
    define(times, cellId, time);
  }
  if (Object.keys(stamps).length === 0) return undefined;
  const refusal = rowPolicy?.(tableId, rowId, values);
  if (refusal === undefined) return { stamps, cells: values, times };
  for (const [cellId, cellStamp] of Object.entries(stamps)) {
    drop(cellId, cellStamp, refusal.reason, refusal.heldBack);
  }
  return undefined;
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
      deletion: false,
    });
  }
  return [{}, ...stamp.slice(1)] as Stamp;
}

function isEmptyStamp(stamp: Stamp): boolean {
  return Object.keys(stamp[0] as object).length === 0;
}

function writeOf(stamp: Stamp): { time?: string; deletion: boolean } {
  const deletion = stamp[0] === DELETED_ON_THE_WIRE;
  return typeof stamp[1] === 'string' && stamp[1] !== ''
    ? { time: stamp[1], deletion }
    : { deletion };
}
