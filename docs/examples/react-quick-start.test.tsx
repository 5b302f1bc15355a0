// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { quotedBlocks } from '../../scripts/readme-quotes.ts';
import { App } from './react-quick-start.tsx';

describe('React quick start (packages/react/README.md)', () => {
  it('is quoted in the README exactly as it is tested here', () => {
    // Paths from the file path string: the DOM environment replaces the global URL.
    const here = dirname(fileURLToPath(import.meta.url));
    const readme = readFileSync(join(here, '../../packages/react/README.md'), 'utf8');
    const example = readFileSync(join(here, 'react-quick-start.tsx'), 'utf8');
    expect(quotedBlocks(readme, '# @tinysync/react')).toContainEqual(
      expect.objectContaining({
        lang: 'tsx',
        source: '../../docs/examples/react-quick-start.tsx',
        code: example,
      }),
    );
  });

  it('renders, adds a user, and undoes it', async () => {
    render(<App />);
    expect(await screen.findByText('Sync: offline')).toBeDefined();
    fireEvent.click(screen.getByText('Add Ada'));
    expect(await screen.findByText('Ada')).toBeDefined();
    fireEvent.click(screen.getByText('Undo'));
    expect(screen.queryByText('Ada')).toBeNull();
  });
});
