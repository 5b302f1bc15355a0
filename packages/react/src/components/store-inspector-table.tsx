import type { AnySchema } from '@tinysync/store';
import { useTableRows } from '../hooks/use-table-rows.js';
import { useRowCount } from './use-row-count.js';

export interface StoreInspectorTableProps {
  readonly tableId: string;
  readonly limit: number;
}

/** The first rows of any table, every cell as stored: the inspector knows no schema types. */
export function StoreInspectorTable({ tableId, limit }: StoreInspectorTableProps) {
  const { data: rows = [] } = useTableRows<AnySchema, string>(tableId, undefined, { limit });
  const total = useRowCount(tableId);
  const cellIds = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return (
    <div className="tinysync-table-scroll">
      <table className="tinysync-table" data-density="compact">
        <caption className="tinysync-inspector__caption">
          {tableId}: first {rows.length.toLocaleString()} of {total.toLocaleString()} rows
        </caption>
        <thead>
          <tr>
            {cellIds.map((cellId) => (
              <th key={cellId} scope="col">
                {cellId}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row.id)}>
              {cellIds.map((cellId) => (
                <td key={cellId}>{formatCell((row as Record<string, unknown>)[cellId])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatCell(value: unknown): string {
  return value === undefined ? '' : String(value);
}
