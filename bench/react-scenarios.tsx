import { createHooks, TinySyncProvider, useStore } from '@tinysync/react';
import { appSchema } from '@tinysync/store';
import { act, memo, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

const { useUsers, useUser } = createHooks(appSchema);
const renders = { count: 0 };

const TinySyncRow = memo(function TinySyncRow({ id }: { id: string }) {
  const { user } = useUser(id);
  renders.count++;
  return <li>{user?.name}</li>;
});

function TinySyncTable() {
  const { users } = useUsers();
  renders.count++;
  return (
    <ul>
      {users?.map((user) => (
        <TinySyncRow key={user.id} id={user.id} />
      ))}
    </ul>
  );
}

function NaiveRow({ name }: { name: string }) {
  renders.count++;
  return <li>{name}</li>;
}

/** What a hand-rolled subscription usually looks like: the whole table into state. */
function NaiveTable() {
  const { store } = useStore<typeof appSchema>();
  const [table, setTable] = useState(() => store.getTable('users'));
  useEffect(() => {
    const listenerId = store.addTableListener('users', () => setTable(store.getTable('users')));
    return () => void store.delListener(listenerId);
  }, [store]);
  renders.count++;
  return (
    <ul>
      {Object.entries(table).map(([id, row]) => (
        <NaiveRow key={id} name={String(row.name)} />
      ))}
    </ul>
  );
}

let captured: ReturnType<typeof useStore<typeof appSchema>> | undefined;
function Capture() {
  captured = useStore<typeof appSchema>();
  return null;
}

/** Components rendered by one single-cell change, with TinySync's hooks and the naive way. */
export async function measureRerenders(rows: number) {
  // act() flushes React's work deterministically, so every render the change causes is counted.
  const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    return await countRerenders(rows);
  } finally {
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
  }
}

async function countRerenders(rows: number) {
  const counts: Record<'tinysync' | 'naive', number> = { tinysync: 0, naive: 0 };
  for (const variant of ['tinysync', 'naive'] as const) {
    const container = document.createElement('div');
    const root = createRoot(container);
    captured = undefined;
    await act(async () =>
      root.render(
        <TinySyncProvider schema={appSchema} storeId={`org_bench_${variant}`} persist={false}>
          <Capture />
          {variant === 'tinysync' ? <TinySyncTable /> : <NaiveTable />}
        </TinySyncProvider>,
      ),
    );
    await waitUntil(() => captured !== undefined);
    await act(async () =>
      captured?.batch(() => {
        for (let index = 0; index < rows; index++) {
          captured?.tables.users.create({
            id: `u${index}`,
            name: `User ${index}`,
            email: `u${index}@example.com`,
          });
        }
      }),
    );
    renders.count = 0;
    await act(async () =>
      captured?.tables.users.update(`u${Math.floor(rows / 2)}`, { name: 'Changed' }),
    );
    counts[variant] = renders.count;
    await act(async () => root.unmount());
  }
  return counts;
}

async function waitUntil(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
