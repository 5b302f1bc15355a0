import { type FormEvent, useState } from 'react';
import { useNote, useUpdateNote } from '../hooks';

/**
 * Edits one note. The form keeps its own draft, saved on submit; changes that arrive from
 * other devices meanwhile show once the draft is saved or the note reopened.
 */
export function NoteEditor({ noteId }: { readonly noteId: string }) {
  const { note } = useNote(noteId);
  const updateNote = useUpdateNote();
  const [draft, setDraft] = useState<{ title: string; body: string; pinned: boolean }>();
  if (note === undefined) return <p className="notes-hint">This note was deleted.</p>;
  const shown = draft ?? { title: note.title, body: note.body, pinned: note.pinned };

  const save = (event: FormEvent) => {
    event.preventDefault();
    updateNote.mutate(
      { id: noteId, ...shown, updatedAt: Date.now() },
      { onWritten: () => setDraft(undefined) },
    );
  };
  return (
    <form className="notes-editor" aria-label="Edit note" onSubmit={save}>
      <input
        aria-label="Title"
        value={shown.title}
        onChange={(event) => setDraft({ ...shown, title: event.target.value })}
      />
      <textarea
        aria-label="Body"
        rows={12}
        value={shown.body}
        onChange={(event) => setDraft({ ...shown, body: event.target.value })}
      />
      <label>
        <input
          type="checkbox"
          checked={shown.pinned}
          onChange={(event) => setDraft({ ...shown, pinned: event.target.checked })}
        />{' '}
        Pinned
      </label>
      <button type="submit" className="notes-save" disabled={draft === undefined}>
        Save
      </button>
      {updateNote.error ? <p role="alert">{updateNote.error.message}</p> : null}
    </form>
  );
}
