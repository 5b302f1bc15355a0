import { type FirstRowsDetail, PAGE_MARKS } from './page-marks.ts';

const DATA_ROW = 'tbody tr:not(:has(.tinysync-empty))';

/**
 * Marks the first time a table under `root` shows data rows. A MutationObserver hears about
 * React's commit at the end of the task that made it, without hooking into the component.
 */
export function markWhenRowsRender(root: Element): void {
  const observer = new MutationObserver(() => {
    const rows = root.querySelectorAll(DATA_ROW);
    if (rows.length === 0) return;
    observer.disconnect();
    const detail: FirstRowsDetail = {
      renderedRows: rows.length,
      firstName: rows[0]?.querySelector('td')?.textContent ?? '',
    };
    performance.mark(PAGE_MARKS.firstRowsRender, { detail });
  });
  observer.observe(root, { childList: true, subtree: true });
}
