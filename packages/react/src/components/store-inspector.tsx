import { useId, useState } from 'react';
import { useStore } from '../use-store.js';
import { useStoreId } from '../use-store-id.js';
import { kitClassName } from './kit-class-name.js';
import { StoreInspectorTable } from './store-inspector-table.js';
import { SyncStatusBadge } from './sync-status-badge.js';
import { TableCountRow } from './table-count-row.js';

export interface StoreInspectorProps {
  /** Rows shown when a table is opened (default 10). */
  readonly previewRows?: number;
  readonly className?: string;
}

/** A development panel: which store is open, its sync state, every table's rows. */
export function StoreInspector({ previewRows = 10, className }: StoreInspectorProps) {
  const app = useStore();
  const storeId = useStoreId();
  const [openTable, setOpenTable] = useState<string | undefined>(undefined);
  const headingId = useId();
  return (
    <section className={kitClassName('inspector', className)} aria-labelledby={headingId}>
      <header className="tinysync-inspector__header">
        <h2 id={headingId} className="tinysync-heading">
          Store inspector
        </h2>
        <SyncStatusBadge />
      </header>
      <dl className="tinysync-inspector__facts">
        <dt>Store</dt>
        <dd>
          <code>{storeId}</code>
        </dd>
        <dt>Local copy</dt>
        <dd>
          <code>{app.persistence()}</code>
        </dd>
      </dl>
      <div className="tinysync-table-scroll">
        <table className="tinysync-table" aria-label="Tables">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Rows</th>
              <th scope="col">
                <span className="tinysync-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {app.schema.tableIds.map((tableId) => (
              <TableCountRow
                key={tableId}
                tableId={tableId}
                open={openTable === tableId}
                onToggle={() => setOpenTable(openTable === tableId ? undefined : tableId)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {openTable === undefined ? null : (
        <StoreInspectorTable tableId={openTable} limit={previewRows} />
      )}
    </section>
  );
}
