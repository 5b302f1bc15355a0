// The README's "Add TinySync to your app" shows only code that the end-to-end test compiles:
// every block is quoted, exactly, from a file of examples/notes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isExcerptOf, quotedBlocks } from '../../scripts/readme-quotes.ts';
import { repoRoot } from './support/packed-example.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const blocks = quotedBlocks(readme, '## Add TinySync to your app');

describe('README "Add TinySync to your app"', () => {
  it('takes six steps at most, with code in them', () => {
    const section = readme.slice(readme.indexOf('## Add TinySync to your app'));
    const steps = section.slice(0, section.indexOf('\n## ')).match(/^\*\*\d+\. /gm) ?? [];
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.length).toBeLessThanOrEqual(6);
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks)('quotes $source exactly (block at line $line)', (block) => {
    expect(block.source, 'a link to the quoted file before the block').toMatch(
      /^examples\/notes\//,
    );
    const path = join(repoRoot, block.source ?? '');
    expect(existsSync(path), `${block.source} exists`).toBe(true);
    const file = readFileSync(path, 'utf8');
    expect(isExcerptOf(block.code, file), `${block.source} contains:\n${block.code}`).toBe(true);
  });
});
