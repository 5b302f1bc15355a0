import { useNotebooks } from '../hooks';
import { NewNotebookForm } from './new-notebook-form';

export interface NotebookListProps {
  readonly selectedId: string | undefined;
  readonly onSelect: (notebookId: string) => void;
}

export function NotebookList({ selectedId, onSelect }: NotebookListProps) {
  // The shape `useQuery` returns (`data`, `isLoading`, `error`, `status`, …): no fetching here,
  // the rows are local and follow every change, from this device or synced from others.
  const { data: notebooks, error } = useNotebooks(undefined, { sortBy: 'name' });
  return (
    <nav className="notes-notebooks" aria-label="Notebooks">
      <h2>Notebooks</h2>
      {error ? <p role="alert">{error.message}</p> : null}
      <ul>
        {notebooks?.map((notebook) => (
          <li key={notebook.id}>
            <button
              type="button"
              aria-current={notebook.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(notebook.id)}
            >
              {notebook.name}
            </button>
          </li>
        ))}
      </ul>
      <NewNotebookForm onCreated={onSelect} />
    </nav>
  );
}
