import type { AnySchema } from '../schema/row-types.js';
import type { TinySyncStore } from '../store/create-tinysync-store.js';
import { fetchSnapshot } from './load-snapshot.js';

/**
 * Makes a read-only session's local copy the server's again. Such a copy can hold writes the
 * server will never take (made offline while the session could still write, or through the raw
 * store): the server puts its own values back on this client alone and stores nothing, so the
 * copy keeps stamps the server does not have and would never match it, the status stuck at
 * `syncing`. Nothing this copy holds is the server's to keep, so it is replaced by the server's
 * snapshot. Returns whether it was.
 */
export async function adoptServerCopy(
  app: Pick<TinySyncStore<AnySchema>, 'replaceContent'>,
  fetchImpl: typeof fetch,
  snapshotUrl: string,
  token: string | null,
): Promise<boolean> {
  const content = await fetchSnapshot(fetchImpl, snapshotUrl, token);
  if (content === undefined) return false;
  app.replaceContent(content as never);
  return true;
}
