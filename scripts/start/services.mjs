// The local services `npm start` runs, in start order: each with the command that runs it, the
// port it needs and the URL that answers 200 once it is ready.
import { join } from 'node:path';

export function localServices(root, env) {
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  const useLocalLibsql = !env.TURSO_DATABASE_URL;
  return [
    ...(useLocalLibsql
      ? [
          {
            name: 'libsql',
            label: 'libSQL server',
            port: 8080,
            url: 'http://127.0.0.1:8080',
            health: 'http://127.0.0.1:8080/health',
            command: bin('tsx'),
            args: [join(root, 'packages/libsql-dev/src/main.ts')],
            cwd: root,
          },
        ]
      : []),
    {
      name: 'worker',
      label: 'sync worker',
      port: 8787,
      url: 'http://127.0.0.1:8787',
      health: 'http://127.0.0.1:8787/health',
      command: process.execPath,
      // The demo's own worker (apps/demo/worker/index.ts, made with createSyncWorker). The dev
      // script trusts the committed dev key, or a real Clerk instance's exported CLERK_JWT_KEY.
      args: [
        join(root, 'packages/sync-worker/scripts/dev.mjs'),
        '--config',
        join(root, 'apps/demo/wrangler.jsonc'),
      ],
      cwd: join(root, 'packages/sync-worker'),
    },
    {
      name: 'demo',
      label: 'demo app',
      port: 5173,
      url: 'http://127.0.0.1:5173',
      health: 'http://127.0.0.1:5173/',
      command: bin('vite'),
      args: ['--clearScreen', 'false'],
      cwd: join(root, 'apps/demo'),
    },
  ];
}
