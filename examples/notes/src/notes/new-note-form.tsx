import { type FormEvent, useState } from 'react';
import { useCreateNote } from '../hooks';

export interface NewNoteFormProps {
  readonly notebookId: string;
  readonly onCreated: (noteId: string) => void;
}

export function NewNoteForm({ notebookId, onCreated }: NewNoteFormProps) {
  const [title, setTitle] = useState('');
  const createNote = useCreateNote({
    // As soon as the note is in the local store (offline too), not once the server has it.
    onWritten: (note) => {
      setTitle('');
      onCreated(note.id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    createNote.mutate({ title, notebookId });
  };
  return (
    <form onSubmit={submit} className="notes-inline-form">
      <input
        aria-label="New note title"
        placeholder="New note"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <button type="submit">Add note</button>
      {createNote.error ? <p role="alert">{createNote.error.message}</p> : null}
    </form>
  );
}
