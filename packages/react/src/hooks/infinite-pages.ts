/** React Query's `InfiniteData`: the pages loaded so far and each page's offset in the list. */
export interface InfiniteRows<Row> {
  readonly pages: Row[][];
  /** The offset of each page's first row (`0, pageSize, 2 * pageSize, …`). */
  readonly pageParams: number[];
}

/**
 * Splits the loaded rows into `pageCount` pages of `pageSize`. A page whose rows are all the
 * same objects as before is the same array as before, and so is the whole result when no
 * page changed, so components memoised on a page skip rendering.
 */
export function splitIntoPages<Row>(
  rows: readonly Row[],
  pageSize: number,
  pageCount: number,
  previous: InfiniteRows<Row> | undefined,
): InfiniteRows<Row> {
  const pages = Array.from({ length: pageCount }, (_, index) => {
    const page = rows.slice(index * pageSize, (index + 1) * pageSize);
    const before = previous?.pages[index];
    return before !== undefined && sameItems(before, page) ? before : page;
  });
  if (previous !== undefined && sameItems(previous.pages, pages)) return previous;
  return { pages, pageParams: pages.map((_, index) => index * pageSize) };
}

function sameItems<Item>(a: readonly Item[], b: readonly Item[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
