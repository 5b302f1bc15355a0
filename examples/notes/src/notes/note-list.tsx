import { useNotes } from '../hooks';
import { NewNoteForm } from './new-note-form';

export interface NoteListProps {
  readonly notebookId: string;
  readonly selectedId: string | undefined;
  readonly onSelect: (noteId: string) => void;
}

/** The notebook's notes, pinned first, then the most recently changed. */
export function NoteList({ notebookId, selectedId, onSelect }: NoteListProps) {
  const { notes } = useNotes({ notebookId }, { sortBy: 'updatedAt', descending: true });
  const ordered = [...(notes ?? [])].sort((a, b) => Number(b.pinned) - Number(a.pinned));
  return (
    <section className="notes-list" aria-label="Notes">
      <NewNoteForm notebookId={notebookId} onCreated={onSelect} />
      <ul>
        {ordered.map((note) => (
          <li key={note.id}>
            <button
              type="button"
              aria-current={note.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(note.id)}
            >
              {note.pinned ? '📌 ' : ''}
              {note.title}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
