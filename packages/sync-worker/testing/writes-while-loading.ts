import type { MergeableStore } from 'tinybase';
import type { Synchronizer } from 'tinybase/synchronizers';

/** TinyBase's persister status while it loads (its `Status.Loading`). */
const SYNCHRONIZER_LOADING = 1;

export const isLoading = (synchronizer: Synchronizer): boolean =>
  synchronizer.getStatus() === SYNCHRONIZER_LOADING;

/**
 * TinyBase's client drops a local write made while it loads (a reload after a pull timed out,
 * on a busy machine) and never sends it. This does what TinySync's own client does about it:
 * once the load is over, offer the server the content hashes, so it pulls the difference. For
 * test clients that count every write on a loaded machine; call before `startSync`.
 */
export function resendWritesMadeWhileLoading(
  store: MergeableStore,
  synchronizer: Synchronizer,
): void {
  let changedWhileLoading = false;
  store.addDidFinishTransactionListener(() => {
    if (isLoading(synchronizer)) changedWhileLoading = true;
  });
  synchronizer.addStatusListener((_, status) => {
    if (status === SYNCHRONIZER_LOADING || !changedWhileLoading) return;
    changedWhileLoading = false;
    void synchronizer.save();
  });
}
