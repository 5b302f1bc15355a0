// What `wrangler types` would generate for the test worker's environment, written by hand so
// that the dev configuration's literal values (keys included) do not become types. Runtime
// types come from worker-configuration.d.ts (`wrangler types --include-env=false`).
import type { StoreDurableObject } from '../../src/durable-object/store-durable-object.ts';
import type { Env as WorkerEnv } from '../../src/env.ts';

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('../../dev/worker.ts');
      durableNamespaces: 'StoreDurableObject';
    }
    interface Env extends WorkerEnv {
      readonly STORES: DurableObjectNamespace<StoreDurableObject>;
    }
  }
}
