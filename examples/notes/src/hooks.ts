import { createHooks } from '@tinysync/react';
import { schema } from './schema';

// Typed hooks for every table, named from the schema: useNotes, useNote, useCreateNote, …
export const {
  useNotebooks,
  useCreateNotebook,
  useNotes,
  useNote,
  useCreateNote,
  useUpdateNote,
  useDeleteNote,
} = createHooks(schema);
