import {
  type AnySchema,
  TinySyncError,
  type TinySyncStore,
  toTinyBaseTablesSchema,
} from '@tinysync/store';
import { anyTable } from '../durable-object/any-table.js';
import type { CapturedChange } from './captured-changes.js';
import { fromSqlValue } from './mirror-values.js';

export interface RejectedChange {
  readonly seq: number;
  readonly tableId: string;
  readonly rowId: string;
  readonly message: string;
}

/**
 * Applies changes other services wrote to Turso through the store's validated operations, in
 * one transaction, so connected clients receive them like any other change. An update applies
 * only the cells it changed (an insert over an existing row, all of them); an upsert of a row
 * the store lacks creates it whole. A change the schema refuses is skipped and reported; the
 * rest still apply.
 */
export function applyCapturedChanges(
  app: TinySyncStore<AnySchema>,
  schema: AnySchema,
  changes: readonly CapturedChange[],
): { applied: number; rejected: RejectedChange[] } {
  const rejected: RejectedChange[] = [];
  let remaining = changes;
  // A refused operation makes TinyBase roll back the whole enclosing transaction, so a pass
  // with refusals is discarded and the rest tried again without them (fewer each time).
  for (;;) {
    const refused = applyInOneTransaction(app, schema, remaining);
    if (refused.length === 0) return { applied: remaining.length, rejected };
    rejected.push(...refused);
    const refusedSeqs = new Set(refused.map((change) => change.seq));
    remaining = remaining.filter((change) => !refusedSeqs.has(change.seq));
  }
}

/** Applies the changes in one store transaction; returns those refused (then none applied). */
function applyInOneTransaction(
  app: TinySyncStore<AnySchema>,
  schema: AnySchema,
  changes: readonly CapturedChange[],
): RejectedChange[] {
  const cellTypes = toTinyBaseTablesSchema(schema);
  const refused: RejectedChange[] = [];
  app.store.transaction(() => {
    for (const change of changes) {
      const table = anyTable(app, change.tableId);
      const refuse = (message: string) => refused.push({ ...pick(change), message });
      if (table === undefined) {
        refuse(`unknown table '${change.tableId}'`);
        continue;
      }
      const cellValue = (cellId: string) =>
        fromSqlValue(change.cells[cellId], cellTypes[change.tableId]?.[cellId]);
      try {
        const exists = table.get(change.rowId) !== undefined;
        if (change.op === 'delete') {
          if (exists) table.delete(change.rowId);
        } else if (exists) {
          const cellIds = change.changed ?? Object.keys(change.cells);
          const patch = Object.fromEntries(cellIds.map((cellId) => [cellId, cellValue(cellId)]));
          table.update(change.rowId, patch as never);
        } else {
          const cells = Object.fromEntries(
            Object.keys(change.cells)
              .map((cellId) => [cellId, cellValue(cellId)])
              .filter(([, value]) => value !== undefined),
          );
          table.create({ ...cells, id: change.rowId } as never);
        }
      } catch (error) {
        if (!(error instanceof TinySyncError)) throw error;
        refuse(error.message);
      }
    }
  });
  return refused;
}

const pick = ({ seq, tableId, rowId }: CapturedChange) => ({ seq, tableId, rowId });
