import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLibsqlServer } from '@tinysync/libsql-dev';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    libsqlUrl: string;
  }
}

/** Starts the local libSQL server for the workerd tests and tells them its URL. */
export default async function setup(project: TestProject) {
  const server = createLibsqlServer({
    dbPath: join(mkdtempSync(join(tmpdir(), 'libsql-workerd-')), 'test.db'),
  });
  project.provide('libsqlUrl', await server.listen(0));
  return () => server.close();
}
