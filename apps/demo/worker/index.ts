// The demo's sync worker: the library with the demo's schema, exactly as an app writes its own.
import { createSyncWorker } from '@tinysync/sync-worker';
import { schema } from '../src/schema.ts';

const { worker, StoreDurableObject } = createSyncWorker({ schema });

export { StoreDurableObject };
export default worker;
