import { defineSchema, ref } from '@tinysync/store';
import * as z from 'zod';

// The one schema of the app: the client's hooks and forms and the worker's validation both
// come from it, so a rule written here holds on every device and on the server.
export const schema = defineSchema({
  tables: {
    notebooks: {
      cells: {
        name: z.string().trim().min(1, 'name is required').max(60, 'at most 60 characters'),
      },
    },
    notes: {
      cells: {
        title: z.string().trim().min(1, 'title is required').max(120, 'at most 120 characters'),
        body: z.string().max(20_000, 'at most 20,000 characters').default(''),
        notebookId: ref('notebooks'),
        pinned: z.boolean().default(false),
        updatedAt: z
          .number()
          .int()
          .nonnegative()
          .default(() => Date.now()),
      },
      indexes: { notesByNotebook: { on: 'notebookId', sortBy: 'updatedAt', descending: true } },
    },
  },
});
