// The package's own development and test worker: the library, configured with the example
// schema that ships with @tinysync/store. `npm run dev -w @tinysync/sync-worker`, the worker
// tests and the benchmarks run it; apps build theirs the same way (see the README).
import { appSchema } from '@tinysync/store';
import { createSyncWorker } from '../src/index.ts';

const { worker, StoreDurableObject } = createSyncWorker({ schema: appSchema });

export { StoreDurableObject };
export default worker;
