import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import type { BenchResult } from './measure.ts';

/** What the app brings itself, never counted as ours: React, and TinyBase's React bindings. */
const APP_PROVIDED = ['react', 'react/*', 'react-dom', 'react-dom/*', 'tinybase/ui-react*'];

/** The client's third-party packages, each weighed by how much the bundle shrinks without it. */
const DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  TinyBase: ['tinybase', 'tinybase/*'],
  zod: ['zod', 'zod/*'],
  partysocket: ['partysocket', 'partysocket/*'],
};

const exampleApp = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const ZOD_MINI_APP = exampleApp('./bundle-app-zod-mini.tsx');
const CLASSIC_ZOD_APP = exampleApp('./bundle-app-classic-zod.tsx');

/** Everything the client packages export, so the own-code size holds whatever an app imports. */
const WHOLE_PUBLIC_API = `
export * from '@tinysync/store';
export { ref as miniRef } from '@tinysync/store/zod-mini';
export * from '@tinysync/react';
`;

/**
 * The client's bundle size as an app ships it (esbuild, minified, gzip): our own code over the
 * whole public API of `@tinysync/store` + `@tinysync/react`, and the full client of a small
 * example app (schema, IndexedDB persistence, sync client, provider, hooks), with its schema in
 * `zod/mini` (the target) and in classic zod (for information), and where the bytes go.
 */
export async function runBundleBench(): Promise<BenchResult[]> {
  const ownCode = await gzippedKb({ contents: WHOLE_PUBLIC_API }, [], [everyDependencyExternal]);
  const miniApp = await gzippedKb({ path: ZOD_MINI_APP });
  const classicApp = await gzippedKb({ path: CLASSIC_ZOD_APP });
  const shares: BenchResult[] = [];
  for (const [name, external] of Object.entries(DEPENDENCIES)) {
    shares.push({
      metric: `  of which ${name} (what leaving it out saves)`,
      unit: 'kB',
      ours: miniApp - (await gzippedKb({ path: ZOD_MINI_APP }, external)),
    });
  }
  return [
    {
      metric: 'client own code, whole API of @tinysync/store + react (min+gzip)',
      unit: 'kB',
      ours: ownCode,
      target: '≤ 25 kB',
      pass: ownCode <= 25,
    },
    {
      metric: 'full client, example app with a zod/mini schema (min+gzip)',
      unit: 'kB',
      ours: miniApp,
      target: '≤ 60 kB',
      pass: miniApp <= 60,
    },
    ...shares,
    {
      metric: 'full client, same app with a classic zod schema (min+gzip)',
      unit: 'kB',
      ours: classicApp,
    },
  ];
}

type Entry = { readonly path: string } | { readonly contents: string };

/** Bundles like an app's production build (React's excluded), in memory, and gzips it. */
async function gzippedKb(
  entry: Entry,
  external: readonly string[] = [],
  plugins: Plugin[] = [],
): Promise<number> {
  const result = await build({
    ...('path' in entry
      ? { entryPoints: [entry.path] }
      : {
          stdin: {
            contents: entry.contents,
            resolveDir: fileURLToPath(new URL('.', import.meta.url)),
          },
        }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    // The workspace packages' source, as everywhere in this repo (scripts/workspace-source.ts).
    conditions: ['@tinysync/source', 'module'],
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: [...APP_PROVIDED, ...external],
    plugins,
    write: false,
    logLevel: 'error',
  });
  const output = result.outputFiles[0]?.contents;
  if (output === undefined) throw new Error('esbuild produced no bundle');
  return gzipSync(output, { level: 9 }).length / 1024;
}

/** Leaves every package but ours out of the bundle, so only TinySync's own code is weighed. */
const everyDependencyExternal: Plugin = {
  name: 'every-dependency-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      path.startsWith('@tinysync/') ? undefined : { path, external: true },
    );
  },
};
