import { type Client, createClient } from '@libsql/client';
import { appSchema } from '@tinysync/store';
import {
  connectNodeClient,
  devToken,
  type NodeClient,
  type NodeClientOptions,
  type RunningLibsql,
  type RunningWorker,
  startLibsql,
  startWorker,
} from '@tinysync/sync-worker/testing';

type Tables = Record<string, Record<string, Record<string, unknown>>>;
type OrgRole = 'org:admin' | 'org:member' | 'org:viewer';

export interface Session {
  readonly sub?: string;
  readonly role?: OrgRole;
}

/**
 * The whole server side as production runs it, on loopback: the local libSQL server (Turso's
 * protocol) and the sync worker under `wrangler dev` mirroring to it. Stores are organization
 * stores, `org_<name>`; tokens are dev tokens for that organization.
 */
export interface RunningSystem {
  readonly libsql: RunningLibsql;
  readonly worker: RunningWorker;
  /** A client of the libSQL server, to read what reached the database of record. */
  readonly db: Client;
  tokenFor(storeId: string, session?: Session): Promise<string>;
  /** A standard TinyBase client synced over a real WebSocket; closed by `stop()`. */
  connect(storeId: string, session?: Session, options?: NodeClientOptions): Promise<NodeClient>;
  /** The Durable Object's content, from the worker's export route. */
  durableObjectTables(storeId: string): Promise<Tables>;
  /** The store's rows in Turso, shaped like TinyBase tables (nulls left out, as TinyBase has them). */
  tursoTables(storeId: string): Promise<Tables>;
  stop(): Promise<void>;
}

export async function startSystem(vars: Record<string, string> = {}): Promise<RunningSystem> {
  const libsql = await startLibsql();
  const worker = await startWorker({ vars: { TURSO_DATABASE_URL: libsql.url, ...vars } });
  const db = createClient({ url: libsql.url });
  const clients: NodeClient[] = [];
  const tokenFor = (storeId: string, session: Session = {}) =>
    devToken({
      sub: session.sub ?? 'user_1',
      org: storeId.slice('org_'.length),
      role: session.role ?? 'org:admin',
    });
  return {
    libsql,
    worker,
    db,
    tokenFor,
    async connect(storeId, session, options) {
      const client = await connectNodeClient(
        `${worker.wsUrl}/sync/${storeId}`,
        await tokenFor(storeId, session),
        undefined,
        options,
      );
      clients.push(client);
      return client;
    },
    async durableObjectTables(storeId) {
      const response = await fetch(`${worker.url}/stores/${storeId}/export`, {
        headers: { Authorization: `Bearer ${await tokenFor(storeId)}` },
      });
      if (!response.ok) throw new Error(`export answered ${response.status}`);
      return ((await response.json()) as { tables: Tables }).tables;
    },
    async tursoTables(storeId) {
      const tables: Tables = {};
      for (const tableId of Object.keys(appSchema.rowSchemas)) {
        const { rows } = await db
          .execute({ sql: `SELECT * FROM "${tableId}" WHERE _tinysync_store = ?`, args: [storeId] })
          // The worker creates a table on its first flush: no table yet, no rows yet.
          .catch((error: unknown) => {
            if (String(error).includes('no such table')) return { rows: [] };
            throw error;
          });
        for (const row of rows) {
          const { id, _tinysync_store: _store, _tinysync_hlc: _stamp, ...cells } = { ...row };
          const present = Object.entries(cells).filter(([, value]) => value !== null);
          // Without a prototype, a row id like `__proto__` is a key like any other.
          tables[tableId] ??= Object.create(null);
          (tables[tableId] as Record<string, Record<string, unknown>>)[String(id)] =
            Object.fromEntries(present);
        }
      }
      return tables;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
      db.close();
      await worker.stop();
      await libsql.stop();
    },
  };
}
