import { SyncStatusBadge } from '@tinysync/react';
import { type ReactNode, useState } from 'react';
import { NoteEditor } from './note-editor';
import { NoteList } from './note-list';
import { NotebookList } from './notebook-list';

/** The whole app once a store is open: notebooks, the chosen notebook's notes, one note. */
export function NotesScreen({ account }: { readonly account?: ReactNode }) {
  const [notebookId, setNotebookId] = useState<string>();
  const [noteId, setNoteId] = useState<string>();
  return (
    <div className="notes-app">
      <header className="notes-header">
        <h1>Notes</h1>
        <SyncStatusBadge />
        <div className="notes-account">{account}</div>
      </header>
      <NotebookList
        selectedId={notebookId}
        onSelect={(id) => {
          setNotebookId(id);
          setNoteId(undefined);
        }}
      />
      {notebookId === undefined ? (
        <p className="notes-hint">Pick or create a notebook.</p>
      ) : (
        <NoteList notebookId={notebookId} selectedId={noteId} onSelect={setNoteId} />
      )}
      {noteId === undefined ? null : <NoteEditor key={noteId} noteId={noteId} />}
    </div>
  );
}
