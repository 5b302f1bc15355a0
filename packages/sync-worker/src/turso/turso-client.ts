import { type Client, createClient } from '@libsql/client/web';
import type { MirrorSettings } from './mirror-settings.js';

/**
 * A libSQL client over HTTP (the only transport a Worker has). Every request gets a timeout, so
 * a Turso that hangs counts as down and is retried later instead of holding the flush forever.
 */
export function createTursoClient(settings: MirrorSettings): Client {
  return createClient({
    url: settings.url,
    ...(settings.authToken === undefined ? {} : { authToken: settings.authToken }),
    fetch: (input: Request | string, init?: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(settings.requestTimeoutMs) }),
  });
}
