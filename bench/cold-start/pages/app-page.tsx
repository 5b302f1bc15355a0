// The app: what a returning user's page load does, through the public APIs only.
import './mark-script-start.ts';
import { localDatabaseName, TinySyncProvider, UsersTable } from '@tinysync/react';
import { appSchema, createTinySyncStore, indexedDbPersister } from '@tinysync/store';
import { createRoot } from 'react-dom/client';
import { createMergeableStore, type MergeableStore } from 'tinybase';
import { createIndexedDbPersister } from 'tinybase/persisters/persister-indexed-db';
import { markWhenRowsRender } from './mark-first-rows.ts';
import {
  BASELINE_DB_NAME,
  BENCH_STORE_ID,
  type LoadedDetail,
  markFailed,
  PAGE_MARKS,
} from './page-marks.ts';

const seedRows = Number(new URLSearchParams(location.search).get('seed') ?? 0);
if (seedRows > 0) seed(seedRows).catch(markFailed);
else renderApp();

function renderApp() {
  const container = document.getElementById('root') as HTMLElement;
  markWhenRowsRender(container);
  createRoot(container).render(
    <TinySyncProvider schema={appSchema} storeId={BENCH_STORE_ID}>
      <UsersTable />
    </TinySyncProvider>,
  );
}

/**
 * The first visit: creates the rows and lets the store save them to IndexedDB; saves the same
 * content with TinyBase's persister too, for the baseline page.
 */
async function seed(rows: number) {
  const app = createTinySyncStore(appSchema, {
    persister: indexedDbPersister(localDatabaseName(BENCH_STORE_ID)),
  });
  await app.ready;
  app.batch(() => {
    for (let index = 0; index < rows; index++) {
      app.tables.users.create({
        id: `u${index}`,
        name: `User ${index}`,
        email: `user${index}@example.com`,
        role: index % 10 === 0 ? 'admin' : 'member',
      });
    }
  });
  const detail: LoadedDetail = { rows: app.tables.users.count() };
  const copy = createMergeableStore();
  copy.merge(app.store as unknown as MergeableStore);
  await createIndexedDbPersister(copy, BASELINE_DB_NAME).save();
  await app.destroy(); // saves what is pending
  performance.mark(PAGE_MARKS.seeded, { detail });
}
