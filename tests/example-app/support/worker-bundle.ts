import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Cloudflare's limits on a Worker's compressed size (workers/platform/limits). */
export const WORKER_SIZE_LIMITS = {
  free: 3 * 1024 * 1024,
  paid: 10 * 1024 * 1024,
} as const;

export interface WorkerBundle {
  readonly files: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
}

/**
 * The modules `wrangler deploy --dry-run --outdir` wrote, their size and their gzip size, which
 * is what Cloudflare's limit counts. Source maps are not uploaded as code and do not count.
 */
export function measureWorkerBundle(outdir: string): WorkerBundle {
  const files = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    /\.(m?js|wasm)$/.test(file),
  );
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(outdir, file));
    bytes += content.byteLength;
    gzipBytes += gzipSync(content).byteLength;
  }
  return { files, bytes, gzipBytes };
}

export function describeWorkerBundle({ files, bytes, gzipBytes }: WorkerBundle): string {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const share = (limit: number) => `${((gzipBytes / limit) * 100).toFixed(1)}%`;
  return (
    `Worker bundle (${files.join(', ')}): ${kib(bytes)}, ${kib(gzipBytes)} gzip — ` +
    `${share(WORKER_SIZE_LIMITS.free)} of the free plan's 3 MiB, ` +
    `${share(WORKER_SIZE_LIMITS.paid)} of the paid plan's 10 MiB`
  );
}
