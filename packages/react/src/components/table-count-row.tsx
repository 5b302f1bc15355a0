import { useRowCount } from './use-row-count.js';

export interface TableCountRowProps {
  readonly tableId: string;
  readonly open: boolean;
  readonly onToggle: () => void;
}

/** A table's name and live row count, with a button to show its first rows. */
export function TableCountRow({ tableId, open, onToggle }: TableCountRowProps) {
  const count = useRowCount(tableId);
  return (
    <tr>
      <th scope="row">{tableId}</th>
      <td>{count.toLocaleString()}</td>
      <td className="tinysync-table__actions-cell">
        <div className="tinysync-table__actions">
          <button
            type="button"
            className="tinysync-button"
            data-size="small"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} ${tableId} rows`}
            onClick={onToggle}
          >
            {open ? 'Hide' : 'Show'}
          </button>
        </div>
      </td>
    </tr>
  );
}
