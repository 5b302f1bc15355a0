import { type FormEvent, useState } from 'react';
import { useCreateNotebook } from '../hooks';

export function NewNotebookForm({ onCreated }: { readonly onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const createNotebook = useCreateNotebook({
    onWritten: (notebook) => {
      setName('');
      onCreated(notebook.id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    createNotebook.mutate({ name });
  };
  return (
    <form onSubmit={submit} className="notes-inline-form">
      <input
        aria-label="New notebook name"
        placeholder="New notebook"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit">Add</button>
      {createNotebook.error ? <p role="alert">{createNotebook.error.message}</p> : null}
    </form>
  );
}
