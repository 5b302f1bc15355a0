// What `wrangler types` would generate for the environment, written by hand so that the dev
// configuration's literal values (keys included) do not become types. Runtime types come from
// worker-configuration.d.ts (`wrangler types --include-env=false`).
import type { Env as WorkerEnv } from './env.ts';

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('./index.ts');
      durableNamespaces: 'StoreDurableObject';
    }
    interface Env extends WorkerEnv {}
  }
}
