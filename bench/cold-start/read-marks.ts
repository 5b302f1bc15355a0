import type { Page } from 'playwright';
import { PAGE_MARKS } from './pages/page-marks.ts';

export interface PageMark<Detail = unknown> {
  /** Milliseconds since navigation start. */
  readonly startTime: number;
  readonly detail: Detail;
}

/**
 * Waits until the page has left mark `name` (or its failure mark) and returns every mark by
 * name. A buffered PerformanceObserver, not polling, so waiting adds no work to the page.
 */
export async function waitForMarks(
  page: Page,
  name: string,
  timeoutMs: number,
): Promise<ReadonlyMap<string, PageMark>> {
  // No named functions inside: the page cannot see the helpers a TypeScript loader may wrap
  // them with (esbuild's keepNames).
  const marks = await page.evaluate(
    ([wanted, failed, timeout]) =>
      new Promise<{ name: string; startTime: number; detail: unknown }[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no '${wanted}' mark after ${timeout} ms`)),
          timeout,
        );
        new PerformanceObserver((list, observer) => {
          if (!list.getEntries().some((mark) => mark.name === wanted || mark.name === failed)) {
            return;
          }
          observer.disconnect();
          clearTimeout(timer);
          resolve(
            performance.getEntriesByType('mark').map((mark) => ({
              name: mark.name,
              startTime: mark.startTime,
              detail: (mark as PerformanceMark).detail,
            })),
          );
        }).observe({ type: 'mark', buffered: true });
      }),
    [name, PAGE_MARKS.failed, timeoutMs] as const,
  );
  const byName = new Map(marks.map((mark) => [mark.name, mark]));
  const failure = byName.get(PAGE_MARKS.failed);
  if (failure !== undefined) throw new Error(`the page failed: ${String(failure.detail)}`);
  return byName;
}

export function requireMark<Detail>(
  marks: ReadonlyMap<string, PageMark>,
  name: string,
): PageMark<Detail> {
  const mark = marks.get(name);
  if (mark === undefined) throw new Error(`the page left no '${name}' mark`);
  return mark as PageMark<Detail>;
}
