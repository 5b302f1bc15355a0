import { appSchema, cellIssue } from '@tinysync/store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_CELLS, cellArbitrary, rowArbitrary, TABLE_IDS } from './app-cells.ts';

// The convergence property counts on every write being one the worker accepts: a refused
// cell is dropped by the server and would look like a lost write.
describe('the values the convergence property writes', () => {
  it('cover every table and cell of the app schema', () => {
    const schemaCells = Object.fromEntries(
      appSchema.tableIds.map((tableId) => [
        tableId,
        Object.keys(appSchema.tables[tableId].cells).sort(),
      ]),
    );
    const generatedCells = Object.fromEntries(
      TABLE_IDS.map((tableId) => [tableId, Object.keys(APP_CELLS[tableId]).sort()]),
    );
    expect(generatedCells).toEqual(schemaCells);
  });

  it('are whole valid rows', () => {
    for (const tableId of TABLE_IDS) {
      fc.assert(
        fc.property(rowArbitrary(tableId), (row) => {
          expect(appSchema.rowSchemas[tableId].safeParse(row).error?.issues).toBeUndefined();
        }),
      );
    }
  });

  it('are valid cells one by one, as the worker checks them', () => {
    for (const tableId of TABLE_IDS) {
      fc.assert(
        fc.property(cellArbitrary(tableId), ({ cellId, value }) => {
          expect(cellIssue(appSchema, tableId, cellId, value)).toBeUndefined();
        }),
      );
    }
  });
});
