export interface PagerProps {
  /** Zero-based. */
  readonly page: number;
  readonly pageSize: number;
  /** Rows on this page. */
  readonly shown: number;
  readonly hasNext: boolean;
  /** All rows, when known cheaply (unfiltered); else the range alone is shown. */
  readonly total: number | undefined;
  readonly onPage: (page: number) => void;
  /** What the rows are, e.g. `users`, for the accessible label. */
  readonly noun: string;
}

/** Previous/next paging with the visible range, so a 10k-row table renders one page at a time. */
export function Pager({ page, pageSize, shown, hasNext, total, onPage, noun }: PagerProps) {
  const first = shown === 0 ? 0 : page * pageSize + 1;
  const last = page * pageSize + shown;
  const range =
    total === undefined
      ? `${first.toLocaleString()}–${last.toLocaleString()} matching`
      : `${first.toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()}`;
  return (
    <nav className="tinysync-pager" aria-label={`${noun} pages`}>
      <button
        type="button"
        className="tinysync-button"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>
      <span className="tinysync-pager__range" aria-live="polite">
        {range}
      </span>
      <button
        type="button"
        className="tinysync-button"
        disabled={!hasNext}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </nav>
  );
}
