/**
 * Frames in TinyBase's sync protocol, written by hand so that tests can send what no honest
 * client sends. A frame is `<recipient client id, empty for everyone>\n<JSON message>`, the
 * message `[requestId, type, body]`; a content diff (type 3) carries
 * `[[tables, time], [values, time], 1]`, every level a stamp `[children or value, HLC]`.
 */
import { createMergeableStore } from 'tinybase';

/** Cells by row id, e.g. `{ u1: { name: 'Ada' } }`. */
export type Rows = Record<string, Record<string, unknown>>;

/** A TinyBase HLC for the moment `ms`, made by a real MergeableStore whose clock says `ms`. */
export function hlcAt(ms: number): string {
  const store = createMergeableStore(undefined, () => ms);
  store.setCell('t', 'r', 'c', 1);
  const [[tables]] = store.getMergeableContent();
  return tables.t?.[0].r?.[0].c?.[1] ?? '';
}

/**
 * The tables stamp of `tables`, every cell stamped `time`. Keys are defined as own properties
 * (Object.fromEntries), so `__proto__` and `constructor` reach the wire as names.
 */
export function tablesStamp(tables: Record<string, Rows>, time: string): unknown {
  const stamp = (children: Record<string, unknown>, wrap: (child: never) => unknown) => [
    Object.fromEntries(Object.entries(children).map(([id, child]) => [id, wrap(child as never)])),
    '',
  ];
  return stamp(tables, (rows: Rows) =>
    stamp(rows, (cells: Record<string, unknown>) =>
      stamp(cells, (value: unknown) => [value, time]),
    ),
  );
}

/** A content diff (pushed changes) to everyone, with keyed values when given. */
export function contentDiffFrame(
  tables: Record<string, Rows>,
  time: string,
  values: Record<string, unknown> = {},
): string {
  const valuesStamp = [
    Object.fromEntries(Object.entries(values).map(([id, value]) => [id, [value, time]])),
    '',
  ];
  return `\n${JSON.stringify([null, 3, [tablesStamp(tables, time), valuesStamp, 1]])}`;
}

/**
 * One fragment of a message too large for a frame:
 * `\n<16-character message id>\n<index>\n<total>\n<chunk>`.
 */
export function fragmentFrame(messageId: string, index: number, total: number, chunk: string) {
  return `\n${messageId.padEnd(16, 'A').slice(0, 16)}\n${index}\n${total}\n${chunk}`;
}
