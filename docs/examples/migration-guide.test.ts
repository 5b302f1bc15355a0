import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isExcerptOf, quotedBlocks } from '../../scripts/readme-quotes.ts';

const docs = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, docs), 'utf8');
const guide = read('migrating-from-react-query.md');
const blocks = quotedBlocks(guide, '# Migrating from React Query to TinySync');
const quotedFromFiles = blocks.filter((block) => /\.tsx?$/.test(block.source ?? ''));

const BEFORE = 'examples/migration/tasks-screen.react-query.tsx';
const AFTER = 'examples/migration/tasks-screen.tinysync.tsx';
const SCREEN_MARKER = '// The screen: the same code in both files';

/** What the guide counts of a worked-migration file. */
function lineCounts(path: string) {
  const lines = read(path).trimEnd().split('\n');
  const screenStart = lines.findIndex((line) => line.startsWith(SCREEN_MARKER));
  const dataLayer = lines.slice(0, screenStart);
  const isCode = (line: string) => line.trim() !== '' && !/^\s*(\/\/|\/\*\*|\*)/.test(line);
  return {
    whole: lines.length,
    dataLayer: dataLayer.length,
    dataLayerCode: dataLayer.filter(isCode).length,
    screen: lines.length - screenStart,
  };
}

/** The line counts the guide's table states for a file, by the file its row links. */
function statedCounts(path: string) {
  const row = guide.split('\n').find((line) => line.startsWith('|') && line.includes(`](${path})`));
  const [, , whole, dataLayer, screen] = (row ?? '').split('|').map((cell) => cell.trim());
  const [lines, code] = (dataLayer ?? '').split('/').map((count) => Number(count.trim()));
  return { whole: Number(whole), dataLayer: lines, dataLayerCode: code, screen: Number(screen) };
}

describe('docs/migrating-from-react-query.md', () => {
  it.each(quotedFromFiles)('quotes $source exactly (block at line $line)', (block) => {
    const file = read(block.source ?? '');
    expect(isExcerptOf(block.code, file), `${block.source} contains:\n${block.code}`).toBe(true);
  });

  it('quotes the worked migration and both mixed-period examples', () => {
    expect(quotedFromFiles.map((block) => block.source)).toEqual(
      expect.arrayContaining([
        BEFORE,
        AFTER,
        'examples/mixed-period/legacy-backend-turso.ts',
        'examples/mixed-period/legacy-backend-http.ts',
      ]),
    );
  });

  it('has the same screen code in the React Query and the TinySync version', () => {
    const screen = (path: string) => read(path).slice(read(path).indexOf(SCREEN_MARKER));
    expect(screen(BEFORE)).toContain('export function TasksScreen');
    expect(screen(AFTER)).toBe(screen(BEFORE));
  });

  it.each([BEFORE, AFTER])('states the line counts of %s as they are', (path) => {
    expect(statedCounts(path)).toEqual(lineCounts(path));
  });
});
