// What `wrangler types` would generate for the environment, written by hand so that the dev
// configuration's literal values (keys included) do not become types. Runtime types come from
// worker-configuration.d.ts (`wrangler types --include-env=false`).
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('./index.ts');
    durableNamespaces: 'StoreDurableObject';
  }
  interface Env extends import('./env.ts').Env {}
}
