import { createSyncWorker } from '@tinysync/sync-worker';
import { schema } from '../src/schema';

const { worker, StoreDurableObject } = createSyncWorker({ schema });

export { StoreDurableObject };
export default worker;
