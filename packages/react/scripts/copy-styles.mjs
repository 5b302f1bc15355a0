// Part of `npm run build`: the component kit's stylesheet, which tsc does not copy, next to the
// compiled modules (the `@tinysync/react/styles.css` export).
import { copyFileSync, mkdirSync } from 'node:fs';

const packageDir = new URL('..', import.meta.url);
mkdirSync(new URL('dist/', packageDir), { recursive: true });
copyFileSync(
  new URL('src/components/styles.css', packageDir),
  new URL('dist/styles.css', packageDir),
);
