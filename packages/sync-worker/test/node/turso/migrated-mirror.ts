import { type Client, createClient } from '@libsql/client';
import { appSchema } from '@tinysync/store';
import { afterAll, beforeAll } from 'vitest';
import { migrateMirror } from '../../../src/turso/migrate-mirror.ts';
import { type RunningLibsql, startLibsql } from '../../../testing/index.ts';

/**
 * For a test file: a fresh local libSQL server with the app schema's mirror tables, change log
 * and triggers, and a client of it (call `client()` inside tests, once `beforeAll` has run).
 */
export function useMigratedMirror(): { client(): Client } {
  let libsql: RunningLibsql | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    libsql = await startLibsql();
    client = createClient({ url: libsql.url });
    await migrateMirror(client, appSchema);
  });
  afterAll(async () => {
    client?.close();
    await libsql?.stop();
  });
  return {
    client() {
      if (client === undefined) throw new Error('the mirror database starts in beforeAll');
      return client;
    },
  };
}
