import { createSyncWorker } from '@tinysync/sync-worker';
import { schema } from '../src/schema';

const { worker, StoreDurableObject } = createSyncWorker({ schema });
// The class's type under its name too: `wrangler types` refers to it for the STORES binding.
type StoreDurableObject = InstanceType<typeof StoreDurableObject>;

export { StoreDurableObject };
export default worker;
