import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The benchmark's pages, by URL path, as the loopback server serves them. */
export type PageFiles = ReadonlyMap<string, { readonly body: Uint8Array; readonly type: string }>;

export const APP_PAGE = '/app.html';
export const BASELINE_PAGE = '/baseline.html';

const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));

/**
 * Bundles the app and baseline pages as an app ships them: minified, React's production
 * build, one module script per page. Kept in memory; nothing is written to disk.
 */
export async function bundlePages(): Promise<PageFiles> {
  const result = await build({
    entryPoints: { app: `${pagesDir}app-page.tsx`, baseline: `${pagesDir}baseline-page.ts` },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // The workspace packages' source, as everywhere in this repo (scripts/workspace-source.ts).
    conditions: ['@tinysync/source', 'module'],
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: '/',
    write: false,
    logLevel: 'warning',
  });
  const files = new Map<string, { body: Uint8Array; type: string }>();
  for (const output of result.outputFiles) {
    files.set(output.path, { body: output.contents, type: 'text/javascript' });
  }
  for (const [page, script] of [
    [APP_PAGE, '/app.js'],
    [BASELINE_PAGE, '/baseline.js'],
  ] as const) {
    if (!files.has(script)) throw new Error(`esbuild did not produce ${script}`);
    files.set(page, { body: new TextEncoder().encode(html(script)), type: 'text/html' });
  }
  return files;
}

function html(script: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cold start</title><script type="module" src="${script}"></script></head><body><div id="root"></div></body></html>`;
}
