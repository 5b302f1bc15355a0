import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLibsqlServer, type LibsqlServer } from '@tinysync/libsql-dev';

export interface RunningLibsql {
  readonly url: string;
  readonly dbPath: string;
  /** Write transactions committed since this process started the server (across restarts). */
  committedTransactions(): number;
  /** Stops serving (the data stays in `dbPath`), like a database that went down. */
  stop(): Promise<void>;
  /** Serves the same file on the same port again. */
  start(): Promise<void>;
}

/** The local libSQL server on a free loopback port, with a fresh database file. */
export async function startLibsql(): Promise<RunningLibsql> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'tinysync-libsql-')), 'mirror.db');
  let server: LibsqlServer | undefined = createLibsqlServer({ dbPath });
  const url = await server.listen(0);
  const port = Number(url.slice(url.lastIndexOf(':') + 1));
  let committedBefore = 0;
  return {
    url,
    dbPath,
    committedTransactions: () => committedBefore + (server?.stats().committedTransactions ?? 0),
    async stop() {
      if (server === undefined) return;
      committedBefore += server.stats().committedTransactions;
      await server.close();
      server = undefined;
    },
    async start() {
      if (server !== undefined) return;
      server = createLibsqlServer({ dbPath });
      await server.listen(port);
    },
  };
}
