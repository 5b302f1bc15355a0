// The tarballs `npm publish` would upload, built by turbo before this runs (`^build`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arethetypeswrong,
  fileList,
  noSecrets,
  PUBLIC_PACKAGES,
  packPackage,
  publint,
} from '../../scripts/check-packages.mjs';

const destination = mkdtempSync(join(tmpdir(), 'tinysync-packs-'));
afterAll(() => rmSync(destination, { recursive: true, force: true }));

describe.each(PUBLIC_PACKAGES)('$name as npm packs it', (pkg) => {
  let packed: ReturnType<typeof packPackage>;
  beforeAll(() => {
    packed = packPackage(pkg.name, destination);
  });

  it('passes publint', () => {
    const { ok, output } = publint(packed);
    expect(ok, output).toBe(true);
  });

  it('passes Are the Types Wrong (ESM only)', () => {
    const { ok, output } = arethetypeswrong(pkg, packed);
    expect(ok, output).toBe(true);
  });

  it('ships only its build, README and package.json', () => {
    const { ok, output } = fileList(packed);
    expect(ok, output).toBe(true);
  });

  it('ships no private key in any file', () => {
    const { ok, output } = noSecrets(packed);
    expect(ok, output).toBe(true);
  });
});
