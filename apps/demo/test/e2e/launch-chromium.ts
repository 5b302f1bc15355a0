import { type Browser, chromium } from 'playwright';

/** Debian's Chromium (never a browser downloaded by Playwright); root needs --no-sandbox. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}
