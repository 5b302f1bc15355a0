import { fileURLToPath } from 'node:url';
import {
  eventually,
  type RunningLibsql,
  type RunningWorker,
  startLibsql,
  startWorker,
} from '@tinysync/sync-worker/testing';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTask,
  boardColumn,
  type DemoSession,
  expectStatus,
  openDemoAs,
  saveScreenshot,
  selectProject,
  syncBadge,
  taskCard,
} from './demo-page.ts';
import { launchChromium } from './launch-chromium.ts';
import { queryTurso } from './query-turso.ts';
import { type ServedDemoApp, serveDemoApp } from './serve-demo-app.ts';

describe('the demo app in Chromium, against wrangler dev and libSQL (end to end)', () => {
  let libsql: RunningLibsql;
  let worker: RunningWorker;
  let app: ServedDemoApp;
  let browser: Browser;
  // Two people of Acme, signed in for the whole suite, each in their own browser context.
  let ada: DemoSession;
  let grace: DemoSession;

  const tursoTaskTitles = async () =>
    (
      await queryTurso(libsql.url, "SELECT title FROM tasks WHERE _tinysync_store = 'org_acme'")
    ).map((row) => row.title);

  beforeAll(async () => {
    libsql = await startLibsql();
    // The app is served from a port of its own (never 5173: a developer's `npm start` may be
    // running), and the worker trusts that origin for CORS and for tokens' `azp`.
    app = await serveDemoApp();
    worker = await startWorker({
      configPath: fileURLToPath(new URL('../../wrangler.jsonc', import.meta.url)),
      environment: 'dev',
      vars: {
        TURSO_DATABASE_URL: libsql.url,
        CORS_ORIGINS: app.url,
        CLERK_AUTHORIZED_PARTIES: app.url,
      },
    });
    await app.build(worker.url);
    browser = await launchChromium();

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signIn = await context.newPage();
    await signIn.goto(app.url);
    await signIn.getByRole('button', { name: 'Sign in as Ada Lovelace' }).waitFor();
    await saveScreenshot(signIn, '01-sign-in');
    await context.close();

    ada = await openDemoAs(browser, app.url, 'Ada Lovelace');
    grace = await openDemoAs(browser, app.url, 'Grace Hopper');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await worker?.stop();
    await libsql?.stop();
  });

  it('shows a change made in one browser in the other, both ways', async () => {
    await ada.page.getByRole('button', { name: 'Add sample data' }).click();
    await selectProject(grace.page, 'Launch');
    await expect(taskCard(grace.page, 'Write the announcement').isVisible()).resolves.toBe(true);

    await addTask(grace.page, 'Book the venue');
    await selectProject(ada.page, 'Launch');
    await taskCard(ada.page, 'Book the venue').waitFor();

    await ada.page.getByRole('button', { name: 'Move “Book the venue” to In progress' }).click();
    await boardColumn(grace.page, 'In progress')
      .getByRole('listitem', { name: 'Book the venue' })
      .waitFor();
    await expectStatus(ada.page, 'Synced');
    await saveScreenshot(ada.page, '02-board');

    await ada.page.goto(`${app.url}/#/people`);
    await ada.page.getByRole('cell', { name: 'Katherine Johnson', exact: true }).waitFor();
    await saveScreenshot(ada.page, '03-people');
  });

  it('keeps offline edits across a reload, then converges and reaches Turso', async () => {
    await ada.page.goto(`${app.url}/#/board`);
    await selectProject(ada.page, 'Launch');
    // The service worker has cached the app, so the page opens without a network.
    await ada.page.locator('html[data-offline-ready]').waitFor();

    await ada.context.setOffline(true);
    await expectStatus(ada.page, 'Offline');
    await addTask(ada.page, 'Written offline');
    await ada.page
      .getByRole('button', { name: 'Move “Record a demo video” to In progress' })
      .click();
    await ada.page.getByText('You are offline.').waitFor();
    await saveScreenshot(ada.page, '04-offline');

    // Still offline: the page comes from the service worker's cache, the data from IndexedDB.
    await ada.page.reload();
    await selectProject(ada.page, 'Launch');
    await taskCard(ada.page, 'Written offline').waitFor();
    await boardColumn(ada.page, 'In progress')
      .getByRole('listitem', { name: 'Record a demo video' })
      .waitFor();
    await expectStatus(ada.page, 'Offline');
    // Nothing left this browser yet.
    await expect(taskCard(grace.page, 'Written offline').count()).resolves.toBe(0);
    expect(await tursoTaskTitles()).not.toContain('Written offline');

    await ada.context.setOffline(false);
    await expectStatus(ada.page, 'Synced');
    await taskCard(grace.page, 'Written offline').waitFor();
    await boardColumn(grace.page, 'In progress')
      .getByRole('listitem', { name: 'Record a demo video' })
      .waitFor();
    await eventually(async () => {
      expect(await tursoTaskTitles()).toEqual(
        expect.arrayContaining(['Written offline', 'Book the venue']),
      );
      const [video] = await queryTurso(
        libsql.url,
        "SELECT status FROM tasks WHERE title = 'Record a demo video'",
      );
      expect(video?.status).toBe('doing');
    }, 30_000);
  });

  it('keeps other organizations out, and shows a viewer everything but lets them change nothing', async () => {
    const hedy = await openDemoAs(browser, app.url, 'Hedy Lamarr');
    await hedy.page.getByText('No projects yet.').waitFor();
    await expect(hedy.page.getByText('Launch').count()).resolves.toBe(0);
    await saveScreenshot(hedy.page, '05-other-organization');
    await hedy.context.close();

    const katherine = await openDemoAs(browser, app.url, 'Katherine Johnson');
    const { page } = katherine;
    await page.getByRole('note').getByText('View only.').waitFor();
    await syncBadge(page).getByText('Read-only').waitFor();
    await selectProject(page, 'Launch');
    await taskCard(page, 'Written offline').waitFor();
    await expect(page.getByRole('button', { name: /^Move / }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Add task' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Add project' }).count()).resolves.toBe(0);
    await saveScreenshot(page, '06-viewer');
    await page.goto(`${app.url}/#/people`);
    await page.getByRole('cell', { name: 'Ada Lovelace', exact: true }).waitFor();
    await expect(page.getByRole('button', { name: /^(Edit|Delete)/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'New user' }).count()).resolves.toBe(0);
    await katherine.context.close();
  });

  it('reconnects after the worker restarts, without losing an edit made meanwhile', async () => {
    await ada.page.goto(`${app.url}/#/board`);
    await selectProject(ada.page, 'Launch');
    await expectStatus(ada.page, 'Synced');

    const restarted = worker.restart();
    await expectStatus(ada.page, 'Connecting', 30_000);
    await addTask(ada.page, 'Written during the restart');
    await restarted;

    await expectStatus(ada.page, 'Synced', 60_000);
    await expectStatus(grace.page, 'Synced', 60_000);
    await taskCard(grace.page, 'Written during the restart').waitFor();
    await eventually(async () => {
      expect(await tursoTaskTitles()).toContain('Written during the restart');
    }, 30_000);
  });

  it('runs the React Query screen next to its migrated twin, with the flag moving it over', async () => {
    const { page } = ada;
    await page.goto(`${app.url}/#/people`);
    await page.getByLabel('Name', { exact: true }).fill('Alan Turing');
    await page.getByLabel('Email', { exact: true }).fill('alan@acme.test');
    await page.getByRole('button', { name: 'Create user' }).click();

    await page.goto(`${app.url}/#/react-query`);
    const legacy = page.getByRole('region', { name: 'Legacy screen' });
    const twin = page.getByRole('region', { name: 'Migrated twin' });
    await twin.getByText('Alan Turing').waitFor();
    await expect(legacy.getAttribute('data-source')).resolves.toBe('react-query');
    // The legacy screen reads the HTTP API: it has the user once the server has it.
    await eventually(async () => {
      await legacy.getByRole('button', { name: 'Refetch' }).click();
      await legacy.getByText('Alan Turing').waitFor({ timeout: 2_000 });
    }, 30_000);
    await saveScreenshot(page, '07-react-query');

    await page.getByLabel('Feature flag: the legacy screen reads through TinySync').check();
    await expect(legacy.getAttribute('data-source')).resolves.toBe('tinysync');
    await legacy.getByText('Alan Turing').waitFor();
  });

  it('a fresh browser shows the loading state until the first sync has delivered the rows', async () => {
    await ada.page.goto(`${app.url}/#/people`);
    await ada.page.getByLabel('Name', { exact: true }).fill('Barbara Liskov');
    await ada.page.getByLabel('Email', { exact: true }).fill('barbara@acme.test');
    await ada.page.getByRole('button', { name: 'Create user' }).click();
    await expectStatus(ada.page, 'Synced');

    // A new device first fills its empty store from the snapshot over HTTP: holding that request
    // holds the first sync. No service worker, or it would answer before the route sees it.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const gate: { release?: () => void; requested?: () => void } = {};
    const held = new Promise<void>((resolve) => {
      gate.release = resolve;
    });
    const requested = new Promise<void>((resolve) => {
      gate.requested = resolve;
    });
    await context.route('**/stores/*/snapshot', async (route) => {
      gate.requested?.();
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${app.url}/#/react-query`);
    await page.getByRole('button', { name: 'Sign in as Grace Hopper' }).click();
    const twin = page.getByRole('region', { name: 'Migrated twin' });
    await requested;
    await twin.getByText('Loading…').waitFor();
    await expectStatus(page, 'Connecting');
    await expect(twin.getByRole('listitem').count()).resolves.toBe(0);
    await saveScreenshot(page, '08-first-sync-loading');

    gate.release?.();
    await twin.getByText('Barbara Liskov').waitFor();
    await expect(twin.getByText('Loading…').count()).resolves.toBe(0);
    await expectStatus(page, 'Synced');
    await context.close();
  });
});
