import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../measure.ts';
import { APP_PAGE, BASELINE_PAGE, bundlePages } from './bundle-pages.ts';
import { withChromium } from './launch-chromium.ts';
import { type FirstRowsDetail, type LoadedDetail, PAGE_MARKS } from './pages/page-marks.ts';
import { type PageMark, requireMark, waitForMarks } from './read-marks.ts';
import { servePages } from './serve-pages.ts';

export interface ColdStartOptions {
  /** Users rows persisted by the first visit. */
  readonly rows: number;
  /** Measured visits of each page; the medians are reported. */
  readonly repeats: number;
}

/** Medians in milliseconds, ours (the app's page) and the baseline (TinyBase's load alone). */
export interface ColdStartResult {
  /** Navigation start → the users table shows rows. */
  readonly firstRender: number;
  /** Navigation start → TinyBase's persister has loaded the same database. */
  readonly baselineLoaded: number;
  /** The same two, from the moment the page's bundle starts running. */
  readonly firstRenderFromScript: number;
  readonly baselineLoadedFromScript: number;
  /** Rows the table rendered on its first render, and the first row's name. */
  readonly firstRows: FirstRowsDetail;
}

const PAGE_TIMEOUT_MS = 60_000;
/** The kit's UsersTable renders one page of rows. */
const USERS_TABLE_PAGE_SIZE = 50;

/**
 * Cold start in Chromium: a first visit seeds `rows` users through the store, which saves them
 * to IndexedDB; then each measured visit starts Chromium afresh on the same profile and loads
 * either the app (provider + the kit's UsersTable) or the baseline page, in alternating order.
 * One unmeasured round first, so every measured visit runs its bundle from Chromium's code
 * cache, as a returning user's does.
 */
export async function measureColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const server = await servePages(await bundlePages());
  const profileDir = await mkdtemp(join(tmpdir(), 'tinysync-cold-start-'));
  const visit: Visit = (path, mark) =>
    withChromium(profileDir, async (page) => {
      await page.goto(`${server.origin}${path}`, { timeout: PAGE_TIMEOUT_MS });
      return waitForMarks(page, mark, PAGE_TIMEOUT_MS);
    });
  try {
    const seeded = await visit(`${APP_PAGE}?seed=${options.rows}`, PAGE_MARKS.seeded);
    const seededRows = requireMark<LoadedDetail>(seeded, PAGE_MARKS.seeded).detail.rows;
    expectEqual(seededRows, options.rows, 'seeded rows');

    const app: AppSample[] = [];
    const baseline: Sample[] = [];
    for (let round = 0; round <= options.repeats; round++) {
      // Alternating which page goes first, so that neither always runs right after the other.
      const baselineFirst = round % 2 === 1;
      const baselineBefore = baselineFirst ? await visitBaseline(visit, options.rows) : undefined;
      const appSample = await visitApp(visit, options.rows);
      const baselineSample = baselineBefore ?? (await visitBaseline(visit, options.rows));
      if (round === 0) continue; // the warm-up round
      app.push(appSample);
      baseline.push(baselineSample);
    }
    return {
      firstRender: median(app.map((sample) => sample.fromNavigation)),
      baselineLoaded: median(baseline.map((sample) => sample.fromNavigation)),
      firstRenderFromScript: median(app.map((sample) => sample.fromScript)),
      baselineLoadedFromScript: median(baseline.map((sample) => sample.fromScript)),
      firstRows: (app[0] as AppSample).firstRows,
    };
  } finally {
    await server.close();
    await rm(profileDir, { recursive: true, force: true });
  }
}

type Visit = (path: string, mark: string) => Promise<ReadonlyMap<string, PageMark>>;

/** When a page reached its end mark, from navigation start and from its script's start. */
interface Sample {
  readonly fromNavigation: number;
  readonly fromScript: number;
}

interface AppSample extends Sample {
  readonly firstRows: FirstRowsDetail;
}

async function visitApp(visit: Visit, rows: number): Promise<AppSample> {
  const marks = await visit(APP_PAGE, PAGE_MARKS.firstRowsRender);
  const rendered = requireMark<FirstRowsDetail>(marks, PAGE_MARKS.firstRowsRender);
  const expected = Math.min(USERS_TABLE_PAGE_SIZE, rows);
  expectEqual(rendered.detail.renderedRows, expected, 'rows in the first render');
  return { ...sampleOf(marks, rendered), firstRows: rendered.detail };
}

async function visitBaseline(visit: Visit, rows: number): Promise<Sample> {
  const marks = await visit(BASELINE_PAGE, PAGE_MARKS.tinybaseLoaded);
  const loaded = requireMark<LoadedDetail>(marks, PAGE_MARKS.tinybaseLoaded);
  expectEqual(loaded.detail.rows, rows, 'rows TinyBase loaded');
  return sampleOf(marks, loaded);
}

function sampleOf(marks: ReadonlyMap<string, PageMark>, end: PageMark): Sample {
  const scriptStart = requireMark(marks, PAGE_MARKS.scriptStart).startTime;
  return { fromNavigation: end.startTime, fromScript: end.startTime - scriptStart };
}

/** A wrong page would make the timing meaningless, so the run stops instead. */
function expectEqual(actual: number, expected: number, what: string) {
  if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}
