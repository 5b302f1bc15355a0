import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { quotedBlocks } from '../../scripts/readme-quotes.ts';

describe('README quick start', () => {
  it('is quoted in the README exactly as it is tested here', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('./quick-start.ts', import.meta.url), 'utf8');
    expect(quotedBlocks(readme, '## Using `@tinysync/store`')).toContainEqual(
      expect.objectContaining({
        lang: 'ts',
        source: 'docs/examples/quick-start.ts',
        code: example,
      }),
    );
  });

  it('runs and does what the README says', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const example = await import('./quick-start.ts');
    expect(example.published.map((post) => post.title)).toEqual(['A Sketch']);
    expect(example.adasPosts).toHaveLength(2);
    expect(log.mock.calls[0]?.[0]).toEqual([
      expect.objectContaining({ tableId: 'authors', cellId: 'name' }),
      expect.objectContaining({ tableId: 'authors', cellId: 'email' }),
    ]);
    expect(example.postsAfterUndo).toBe(0);
  });
});
