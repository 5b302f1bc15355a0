import { type Browser, chromium, type Locator, type Page } from 'playwright';
import { expect } from 'vitest';

/** Debian's Chromium unless CHROMIUM_PATH names another: Playwright's own browsers are never used. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

/** The example app in a page, driven the way a person uses it. */
export class NotesPage {
  constructor(readonly page: Page) {}

  /** Opens the app with a dev session token in the URL fragment and waits until it is synced. */
  async open(appUrl: string, token: string): Promise<void> {
    await this.page.goto(`${appUrl}/#token=${token}`);
    await this.page.locator('[role="status"][data-status="synced"]').waitFor({ timeout: 30_000 });
  }

  /** The sync status badge's state (`synced`, `syncing`, `error`, …). */
  syncStatus(): Promise<string | null> {
    return this.page.getByRole('status').getAttribute('data-status');
  }

  async createNotebook(name: string): Promise<void> {
    await this.page.getByLabel('New notebook name').fill(name);
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
    await this.notebooks().locator('[aria-current="true"]', { hasText: name }).waitFor();
  }

  /** Creates a note in the open notebook; the editor opens on it. */
  async createNote(title: string): Promise<void> {
    await this.page.getByLabel('New note title').fill(title);
    await this.page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => this.editorTitle().inputValue()).toBe(title);
  }

  /** Tries to create a note the schema refuses: the message the form shows. */
  async refusedNote(title: string): Promise<string> {
    await this.page.getByLabel('New note title').fill(title);
    await this.page.getByRole('button', { name: 'Add note' }).click();
    const alert = this.page.getByRole('region', { name: 'Notes' }).getByRole('alert');
    return (await alert.textContent()) ?? '';
  }

  /** Changes the open note's body and saves it. */
  async editBody(body: string): Promise<void> {
    const editor = this.editor();
    await editor.getByLabel('Body').fill(body);
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editor.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
  }

  /** The titles in the open notebook's note list, in their order on screen. */
  noteTitles(): Promise<string[]> {
    return this.page.getByRole('region', { name: 'Notes' }).getByRole('listitem').allInnerTexts();
  }

  editorTitle(): Locator {
    return this.editor().getByLabel('Title');
  }

  private editor(): Locator {
    return this.page.getByRole('form', { name: 'Edit note' });
  }

  private notebooks(): Locator {
    return this.page.getByRole('navigation', { name: 'Notebooks' });
  }
}
