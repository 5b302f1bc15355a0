// The bundle benchmark's example app, with its schema in classic zod (`import * as z`, the form
// zod documents; `import { z } from 'zod'` costs far more with esbuild, see the store README).
// Same app as `bundle-app-zod-mini.tsx`. Only bundled, never run.
import { createHooks, TinySyncProvider } from '@tinysync/react';
import { defineSchema, ref } from '@tinysync/store';
import { createRoot } from 'react-dom/client';
import * as z from 'zod';

const schema = defineSchema({
  tables: {
    lists: { cells: { name: z.string().trim().min(1, 'name is required') } },
    todos: {
      cells: {
        title: z.string().trim().min(1, 'title is required'),
        done: z.boolean().default(false),
        listId: ref('lists'),
        dueAt: z.int().optional(),
      },
      indexes: { todosByList: { on: 'listId' } },
    },
  },
});

const { useTodos, useCreateTodo } = createHooks(schema);

function Todos() {
  const { todos } = useTodos();
  const createTodo = useCreateTodo();
  return (
    <>
      <ul>
        {todos?.map((todo) => (
          <li key={todo.id}>{todo.title}</li>
        ))}
      </ul>
      <button type="button" onClick={() => createTodo.mutate({ title: 'New', listId: 'inbox' })}>
        Add
      </button>
    </>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <TinySyncProvider
    schema={schema}
    storeId="org_example"
    url="wss://sync.example.com"
    getToken={() => 'token'}
  >
    <Todos />
  </TinySyncProvider>,
);
