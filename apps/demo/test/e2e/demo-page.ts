import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright';

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** One person's browser: its own context (cookies, IndexedDB, service worker) and one tab. */
export interface DemoSession {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Opens the demo in a fresh browser context and signs in through the dev picker. */
export async function openDemoAs(
  browser: Browser,
  appUrl: string,
  name: string,
): Promise<DemoSession> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expectStatus(page, 'Synced');
  return { context, page };
}

/** The sync status badge (one accessible sentence, e.g. "Sync status: Synced, …"). */
export function syncBadge(page: Page): Locator {
  return page.getByRole('status', { name: /^Sync status:/ });
}

export async function expectStatus(page: Page, label: string, timeout = 30_000): Promise<void> {
  await syncBadge(page)
    .and(page.locator(`[aria-label^="Sync status: ${label}"]`))
    .waitFor({ timeout });
}

/** A task card, anywhere on the board. */
export function taskCard(page: Page, title: string): Locator {
  return page.getByRole('listitem', { name: title, exact: true });
}

/** A board column by its label: "To do", "In progress" or "Done". */
export function boardColumn(page: Page, label: string): Locator {
  return page.getByRole('region', { name: new RegExp(`^${label}`) });
}

export async function selectProject(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

export async function addTask(page: Page, title: string): Promise<void> {
  await page.getByLabel('New task').fill(title);
  await page.getByRole('button', { name: 'Add task' }).click();
  await taskCard(page, title).waitFor();
}

/** Waits until `locator` is visible (Playwright's wait, vitest's failure message). */
export async function expectVisible(locator: Locator, timeout = 30_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}
