// The bundle benchmark's example app, with its schema in `zod/mini`: the smallest client an app
// can ship. `bundle-app-classic-zod.tsx` is the same app in classic zod. Only bundled, never run.
import { createHooks, TinySyncProvider } from '@tinysync/react';
import { defineSchema } from '@tinysync/store';
import { ref } from '@tinysync/store/zod-mini';
import { createRoot } from 'react-dom/client';
import * as z from 'zod/mini';

const schema = defineSchema({
  tables: {
    lists: { cells: { name: z.string().check(z.trim(), z.minLength(1, 'name is required')) } },
    todos: {
      cells: {
        title: z.string().check(z.trim(), z.minLength(1, 'title is required')),
        done: z._default(z.boolean(), false),
        listId: ref('lists'),
        dueAt: z.optional(z.int()),
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
