// The baseline: TinyBase's own IndexedDB persister loading the same database into a bare
// MergeableStore, with nothing else on the page (no React, no schema, no TinySync).
import './mark-script-start.ts';
import { createMergeableStore } from 'tinybase';
import { createIndexedDbPersister } from 'tinybase/persisters/persister-indexed-db';
import { BASELINE_DB_NAME, type LoadedDetail, markFailed, PAGE_MARKS } from './page-marks.ts';

async function load() {
  const store = createMergeableStore();
  const persister = createIndexedDbPersister(store, BASELINE_DB_NAME);
  await persister.load();
  const detail: LoadedDetail = { rows: store.getRowCount('users') };
  performance.mark(PAGE_MARKS.tinybaseLoaded, { detail });
  await persister.destroy();
}

load().catch(markFailed);
