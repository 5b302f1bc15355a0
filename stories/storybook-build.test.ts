import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as components from '../packages/react/src/components/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const storybookBin = join(root, 'node_modules/storybook/dist/bin/dispatcher.js');

interface IndexEntry {
  readonly id: string;
  readonly title: string;
  readonly type: 'story' | 'docs';
}

/** The static Storybook, built once into a temporary directory, and its story index. */
describe('static Storybook build', () => {
  let outDir: string;
  let entries: IndexEntry[];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'tinysync-storybook-'));
    await promisify(execFile)(
      process.execPath,
      [storybookBin, 'build', '--config-dir', '.storybook', '--output-dir', outDir, '--quiet'],
      { cwd: root, env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } },
    );
    const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as {
      entries: Record<string, IndexEntry>;
    };
    entries = Object.values(index.entries);
  });

  afterAll(async () => {
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  it('lists stories for every component the kit exports', () => {
    const exported = Object.keys(components).sort();
    expect(exported.length).toBeGreaterThanOrEqual(8);
    const withStories = new Set(
      entries
        .filter((entry) => entry.type === 'story')
        .map((entry) => entry.title.split('/').at(-1)),
    );
    expect(exported.filter((name) => !withStories.has(name))).toEqual([]);
  });

  it('has a docs page per component and the introduction', () => {
    const docs = new Set(
      entries.filter((entry) => entry.type === 'docs').map((entry) => entry.title),
    );
    expect(docs).toContain('Introduction');
    for (const name of Object.keys(components)) expect(docs).toContain(`Components/${name}`);
  });

  it('writes the static site', async () => {
    await expect(readFile(join(outDir, 'iframe.html'), 'utf8')).resolves.toContain('<html');
  });
});
