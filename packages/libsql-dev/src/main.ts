// `npm run libsql` (repo root): the local libSQL server on http://127.0.0.1:8080, data in .data/.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLibsqlServer } from './libsql-server.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dbPath = process.env.LIBSQL_DB_PATH ?? join(repoRoot, '.data', 'libsql.db');
const port = Number(process.env.LIBSQL_PORT ?? 8080);
mkdirSync(dirname(dbPath), { recursive: true });

const server = createLibsqlServer({
  dbPath,
  ...(process.env.LIBSQL_AUTH_TOKEN ? { authToken: process.env.LIBSQL_AUTH_TOKEN } : {}),
});
try {
  const url = await server.listen(port);
  console.log(`libSQL dev server on ${url} (data: ${dbPath})`);
} catch (error) {
  console.error(
    (error as { code?: string }).code === 'EADDRINUSE'
      ? `Port ${port} is already in use: stop what runs there, or set LIBSQL_PORT.`
      : String(error),
  );
  process.exit(1);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.close().then(() => process.exit(0)));
}
