import { getHlcFunctions } from 'tinybase/common';
import { describe, expect, it } from 'vitest';
import { createDroppedCellCorrector } from '../../../src/sync/dropped-cell-correction.ts';
import type { DroppedCell } from '../../../src/sync/filter-changes.ts';

const server: Record<string, unknown> = { 'users/u1/email': 'ada@example.com' };
const correct = createDroppedCellCorrector({
  isKnownCell: (tableId, cellId) => tableId === 'users' && ['name', 'email'].includes(cellId),
  currentCell: (tableId, rowId, cellId) =>
    server[`${tableId}/${rowId}/${cellId}`] as string | undefined,
});
const dropped = (rowId: string, cellId: string, time?: string, tableId = 'users'): DroppedCell => ({
  tableId,
  rowId,
  cellId,
  reason: 'test',
  deletion: false,
  ...(time === undefined ? {} : { time }),
});
type Cells = Record<string, [unknown, string]>;
const cellsOf = (changes: unknown, rowId: string) =>
  (changes as [[Record<string, [Record<string, [Cells, string]>, string]>]])[0][0].users?.[0][
    rowId
  ]?.[0] as Cells;

describe('createDroppedCellCorrector', () => {
  it("stamps the server's value, or a deletion where it has none, later than the dropped write", () => {
    // A client whose clock runs a minute ahead of the server's.
    const [clientHlc] = getHlcFunctions('client', () => Date.now() + 60_000);
    const time = clientHlc();
    const changes = correct([dropped('u1', 'email', time), dropped('u2', 'name', time)]);
    const [email, emailTime] = cellsOf(changes, 'u1').email as [unknown, string];
    const [name, nameTime] = cellsOf(changes, 'u2').name as [unknown, string];
    expect(email).toBe('ada@example.com');
    expect(name).toBeUndefined();
    expect(emailTime > time).toBe(true);
    expect(nameTime > time).toBe(true);
  });

  it('leaves cells the schema does not have, and says so when nothing is left', () => {
    expect(correct([dropped('g1', 'boo', undefined, 'ghosts'), dropped('u1', 'shoeSize')])).toBe(
      undefined,
    );
  });

  // A correction stamped at the server's "now" also beat every other client's write to the
  // cell made before now but still on its way: a refused write undid others' offline edits.
  it("stamps just after the refused write, not at the server's now", () => {
    const [clientHlc] = getHlcFunctions('client', () => Date.now() - 60_000);
    const time = clientHlc();
    const [serverNow] = getHlcFunctions('server');
    const [, emailTime] = cellsOf(correct([dropped('u1', 'email', time)]), 'u1').email as [
      unknown,
      string,
    ];
    expect(emailTime > time).toBe(true);
    expect(emailTime < serverNow()).toBe(true);
    expect(emailTime.slice(0, 7)).toBe(time.slice(0, 7));
  });
});
