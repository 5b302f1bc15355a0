// examples/notes as a user gets it: installed from the packages as `npm pack` makes them, in a
// folder outside this repository, type-checked under its own strict tsconfigs, built, bundled
// for deploy (dry run), then run for real: its worker under `wrangler dev` mirroring to the
// local libSQL server, its app in Chromium, a standard TinyBase client beside it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import {
  connectNodeClient,
  freePort,
  type NodeClient,
  type RunningLibsql,
  startLibsql,
} from '@tinysync/sync-worker/testing';
import type { Browser } from 'playwright';
import { createMergeableStore } from 'tinybase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackgroundProcess } from './support/background-process.ts';
import { startExamplePreview, startExampleWorker } from './support/example-servers.ts';
import { launchChromium, NotesPage } from './support/notes-page.ts';
import { type InstalledExample, installExample } from './support/packed-example.ts';
import { runCommand, toolEnv } from './support/run-command.ts';
import { createSessionIssuer, type SessionIssuer } from './support/session-tokens.ts';
import {
  describeWorkerBundle,
  measureWorkerBundle,
  WORKER_SIZE_LIMITS,
} from './support/worker-bundle.ts';

const STORE_ID = 'org_notes';
const seconds: Record<string, number> = {};

let example: InstalledExample;
/** Chosen before the build: the app has the worker's URL baked in, as a deployed app does. */
let workerPort: number;

beforeAll(async () => {
  workerPort = await freePort();
  example = await installExample();
  Object.assign(seconds, example.seconds);
});

afterAll(() => {
  console.log(
    `examples/notes timings (s): ${Object.entries(seconds)
      .map(([step, s]) => `${step} ${s.toFixed(1)}`)
      .join(', ')}`,
  );
  example?.remove();
});

const bin = (name: string) => join(example.dir, 'node_modules/.bin', name);

describe('examples/notes installed from the packed packages', () => {
  it('installs each TinySync package once, from its tarball', () => {
    const lock = JSON.parse(readFileSync(join(example.dir, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    const tinysync = Object.entries(lock.packages).filter(([path]) =>
      /(^|\/)node_modules\/@tinysync\//.test(path),
    );
    expect(tinysync.map(([path]) => path).sort()).toEqual([
      'node_modules/@tinysync/react',
      'node_modules/@tinysync/store',
      'node_modules/@tinysync/sync-worker',
    ]);
    for (const [path, entry] of tinysync) {
      const name = path.slice('node_modules/'.length);
      // The lockfile keeps the path relative to the project.
      const resolved = resolve(example.dir, entry.resolved?.replace(/^file:/, '') ?? '');
      expect(resolved, name).toBe(example.tarballs[name]);
    }
  });

  it('type-checks the app, its Vite config and its worker under their own strict tsconfigs', async () => {
    const types = await runCommand(bin('wrangler'), ['types'], { cwd: example.dir });
    const tsc = await runCommand(bin('tsc'), ['-b', '--verbose'], { cwd: example.dir });
    seconds.wranglerTypes = types.seconds;
    seconds.tsc = tsc.seconds;
    // `tsc -b` skips a project it considers up to date; every one must have been checked.
    for (const project of ['tsconfig.app.json', 'tsconfig.node.json', 'tsconfig.worker.json']) {
      expect(tsc.output).toContain(`Building project '${join(example.dir, project)}'`);
    }
  });

  it("type-checks TinySync's own declarations under the app's and the worker's settings", async () => {
    // Those configs skip library checks, as templates do; here only ours are checked, which
    // must hold under settings that are not ours (no exactOptionalPropertyTypes, no custom
    // conditions). Other libraries' declarations are not ours to fix, and are left out.
    const checkProject = async (project: string) => {
      const { output, exitCode } = await runCommand(
        bin('tsc'),
        ['-p', project, '--skipLibCheck', 'false'],
        { cwd: example.dir, mayFail: true },
      );
      // It ran and checked: clean, or type errors reported (others' libraries have some).
      expect(exitCode === 0 || /error TS\d+/.test(output), output).toBe(true);
      // Ours too: the binding's type that `wrangler types` writes from the worker file's exports.
      const bindingTypes = /worker-configuration\.d\.ts\(\d+,\d+\): error TS2694/;
      return output
        .split('\n')
        .filter((line) => line.includes('node_modules/@tinysync/') || bindingTypes.test(line));
    };
    const [app, worker] = await Promise.all(
      ['tsconfig.app.json', 'tsconfig.worker.json'].map(checkProject),
    );
    expect(app, 'tsconfig.app.json').toEqual([]);
    expect(worker, 'tsconfig.worker.json').toEqual([]);
  });

  it('builds the app with Vite', async () => {
    const build = await runCommand(bin('vite'), ['build'], {
      cwd: example.dir,
      env: toolEnv({ VITE_SYNC_URL: `http://127.0.0.1:${workerPort}` }),
    });
    seconds.viteBuild = build.seconds;
    expect(build.output).toMatch(/✓ built in/);
  });

  it("bundles the worker for deploy (dry run) within Cloudflare's free-plan size limit", async () => {
    const outdir = join(example.dir, '.deploy');
    const dryRun = await runCommand(bin('wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
      cwd: example.dir,
    });
    seconds.deployDryRun = dryRun.seconds;
    expect(dryRun.output).toContain('--dry-run: exiting now.');
    const bundle = measureWorkerBundle(outdir);
    const wranglerSays = /Total Upload: .*/.exec(dryRun.output)?.[0];
    console.log(`${describeWorkerBundle(bundle)} (wrangler: ${wranglerSays})`);
    expect(bundle.files).toContain('index.js');
    expect(bundle.gzipBytes).toBeLessThan(WORKER_SIZE_LIMITS.free);
  });
});

describe('examples/notes running: its worker, the libSQL server, the app in Chromium', () => {
  let issuer: SessionIssuer;
  let libsql: RunningLibsql;
  let db: Client;
  let worker: BackgroundProcess;
  let app: BackgroundProcess;
  let browser: Browser;
  let notesPage: NotesPage;
  let other: NodeClient;
  let started: number;

  const tokenFor = (userId: string) =>
    issuer.token({ userId, orgId: STORE_ID, role: 'org:admin', origin: app.url });
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${worker.url}/stores/${STORE_ID}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await tokenFor('user_api')}`,
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    started = performance.now();
    issuer = await createSessionIssuer();
    libsql = await startLibsql();
    db = createClient({ url: libsql.url });
    const appPort = await freePort();
    const appOrigin = `http://127.0.0.1:${appPort}`;
    [worker, app] = await Promise.all([
      startExampleWorker(example.dir, workerPort, {
        CLERK_JWT_KEY: issuer.publicKeyPem,
        CLERK_AUTHORIZED_PARTIES: appOrigin,
        CORS_ORIGINS: appOrigin,
        TURSO_DATABASE_URL: libsql.url,
      }),
      startExamplePreview(example.dir, appPort),
    ]);
    browser = await launchChromium();
    notesPage = new NotesPage(await browser.newPage());
    other = await connectNodeClient(
      `${worker.url.replace('http', 'ws')}/sync/${STORE_ID}`,
      await tokenFor('user_other'),
    );
  });

  afterAll(async () => {
    seconds.endToEnd = (performance.now() - started) / 1000;
    await other?.close();
    await browser?.close();
    await Promise.all([worker?.stop(), app?.stop()]);
    db?.close();
    await libsql?.stop();
  });

  /** The id of the note titled `title` on the second client, once it has it. */
  const otherClientsNote = async (title: string) => {
    let id: string | undefined;
    await expect
      .poll(() => {
        const notes = other.store.getTable('notes');
        id = Object.keys(notes).find((rowId) => notes[rowId]?.title === title);
        return id;
      })
      .toBeDefined();
    return id as string;
  };

  it("syncs a note made in the app to a second client, and the second client's edit back", async () => {
    await notesPage.open(app.url, await tokenFor('user_ada'));
    await notesPage.createNotebook('Groceries');
    await notesPage.createNote('Buy milk');
    await notesPage.editBody('Two litres');
    // The schema the worker enforces below holds in the app first: nothing is written.
    expect(await notesPage.refusedNote('x'.repeat(121))).toContain('at most 120 characters');

    const noteId = await otherClientsNote('Buy milk');
    await expect
      .poll(() => other.store.getRow('notes', noteId))
      .toMatchObject({
        body: 'Two litres',
        pinned: false,
      });
    const notebookId = other.store.getCell('notes', noteId, 'notebookId') as string;
    expect(other.store.getRow('notebooks', notebookId)).toEqual({ name: 'Groceries' });

    other.store.setPartialRow('notes', noteId, { title: 'Buy oat milk', updatedAt: Date.now() });
    await expect.poll(() => notesPage.noteTitles()).toEqual(['Buy oat milk']);
    await expect.poll(() => notesPage.editorTitle().inputValue()).toBe('Buy oat milk');
    await expect.poll(() => notesPage.syncStatus()).toBe('synced');
  });

  it('mirrors the note to libSQL, the database of record', async () => {
    const noteId = await otherClientsNote('Buy oat milk');
    await expect
      .poll(
        async () =>
          (
            await db.execute({
              sql: 'SELECT title, body, pinned FROM notes WHERE _tinysync_store = ? AND id = ?',
              args: [STORE_ID, noteId],
            })
          ).rows.map((row) => ({ ...row })),
        { timeout: 20_000 },
      )
      .toEqual([{ title: 'Buy oat milk', body: 'Two litres', pinned: 0 }]);
  });

  it("enforces the example's own validation rules over HTTP", async () => {
    const noteId = await otherClientsNote('Buy oat milk');
    const notebookId = other.store.getCell('notes', noteId, 'notebookId') as string;

    for (const title of ['', 'x'.repeat(500)]) {
      const refused = await api('POST', '/tables/notes', { title, notebookId });
      expect(refused.status, `title of ${title.length} characters`).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed' });
      expect(JSON.stringify(refused.body.error)).toContain('title');
    }
    // The worker knows the example's tables, and only them: the demo's are not there.
    expect((await api('GET', '/tables/tasks')).status).toBe(404);
    const created = await api('POST', '/tables/notes', { title: 'From the API', notebookId });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'From the API', body: '', pinned: false });
  });

  it('drops an invalid cell sent over sync by a raw TinyBase client, and keeps syncing', async () => {
    const noteId = await otherClientsNote('Buy oat milk');
    const notebookId = other.store.getCell('notes', noteId, 'notebookId') as string;
    const raw = await connectNodeClient(
      `${worker.url.replace('http', 'ws')}/sync/${STORE_ID}`,
      await tokenFor('user_raw'),
      createMergeableStore(),
    );
    try {
      await expect.poll(() => raw.store.getCell('notes', noteId, 'title')).toBe('Buy oat milk');
      // No validation on this client: the write goes out as any modified client could send it.
      raw.store.setCell('notes', noteId, 'title', 'x'.repeat(500));
      // Sent after it on the same socket: once the server has this, it has handled the title.
      raw.store.setRow('notes', 'sentinel', {
        title: 'Sentinel',
        body: '',
        notebookId,
        pinned: false,
        updatedAt: Date.now(),
      });
      await expect.poll(async () => (await api('GET', '/tables/notes/sentinel')).status).toBe(200);
      expect((await api('GET', `/tables/notes/${noteId}`)).body).toMatchObject({
        title: 'Buy oat milk',
      });
      // Everyone converges on the valid title, the sender too (the server puts its value back).
      await expect.poll(() => raw.store.getCell('notes', noteId, 'title')).toBe('Buy oat milk');
      await expect.poll(() => notesPage.noteTitles()).toContain('Sentinel');
      expect(await notesPage.noteTitles()).toContain('Buy oat milk');
    } finally {
      await raw.close();
    }
  });
});
