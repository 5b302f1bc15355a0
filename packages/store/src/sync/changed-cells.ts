/** One cell a content diff brings, with the value it sets (undefined: deleted). */
export interface ChangedCell {
  readonly tableId: string;
  readonly rowId: string;
  readonly cellId: string;
  readonly value: unknown;
}

type Stamp = readonly [thing: unknown, time?: string];

/**
 * The cells of a TinyBase content diff's body (`[tablesStamp, valuesStamp, 1]`, stamps being
 * `[thing, time]`), as the synchronizer received it. Anything not shaped so is skipped: this
 * only looks, TinyBase itself validates what it applies.
 */
export function* changedCells(body: unknown): Generator<ChangedCell> {
  const tables = thingOf(Array.isArray(body) ? body[0] : undefined);
  for (const [tableId, tableStamp] of entriesOf(tables)) {
    for (const [rowId, rowStamp] of entriesOf(thingOf(tableStamp))) {
      for (const [cellId, cellStamp] of entriesOf(thingOf(rowStamp))) {
        if (isStamp(cellStamp)) yield { tableId, rowId, cellId, value: cellStamp[0] };
      }
    }
  }
}

function isStamp(value: unknown): value is Stamp {
  return Array.isArray(value) && value.length >= 1;
}

function thingOf(stamp: unknown): unknown {
  return isStamp(stamp) ? stamp[0] : undefined;
}

function entriesOf(thing: unknown): [string, unknown][] {
  return typeof thing === 'object' && thing !== null && !Array.isArray(thing)
    ? Object.entries(thing)
    : [];
}
