import { type BrowserContext, chromium, type Page } from 'playwright';

/**
 * Runs `use` on the first tab of a Chromium started on `profileDir`, then quits Chromium. A
 * profile on disk (not an incognito context, whose IndexedDB lives in memory) and a new
 * browser process per visit: each load reads IndexedDB from disk, as after a restart.
 * Debian's Chromium (CHROMIUM_PATH to override); never a browser Playwright downloads.
 */
export async function withChromium<R>(
  profileDir: string,
  use: (page: Page) => Promise<R>,
): Promise<R> {
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    return await use(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
  }
}
