import { DELETED_ON_THE_WIRE } from '@tinysync/store/protocol';
import { define } from './stamps.js';

/**
 * A copy of `row` with incoming cells laid over it: values set, `DELETED_ON_THE_WIRE` removed.
 * Own properties only, so a cell id such as `__proto__` is a cell like any other.
 */
export function rowWithCells(
  row: Readonly<Record<string, unknown>> | undefined,
  cells: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [cellId, value] of Object.entries(row ?? {})) define(result, cellId, value);
  for (const [cellId, value] of Object.entries(cells)) {
    if (value === DELETED_ON_THE_WIRE) delete result[cellId];
    else define(result, cellId, value);
  }
  return result;
}
