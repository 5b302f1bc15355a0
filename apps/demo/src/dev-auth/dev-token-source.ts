import type { DevAccount } from './dev-accounts.ts';

interface DevToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** Reuse a token until a minute before it expires, as Clerk's `getToken` caches its own. */
const RENEW_BEFORE_MS = 60_000;

/**
 * A `getToken` for a dev account: asks the worker's dev-only `POST /dev/token` (only the dev
 * configuration serves it) and caches the answer, so reconnects do not need the network twice.
 */
export function devTokenSource(workerUrl: string, account: DevAccount): () => Promise<string> {
  let current: DevToken | undefined;
  return async () => {
    if (current !== undefined && current.expiresAt - Date.now() > RENEW_BEFORE_MS) {
      return current.token;
    }
    const response = await fetch(`${workerUrl}/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sub: account.userId,
        org: account.orgId,
        role: account.role,
        ttl: 3600,
      }),
    });
    if (!response.ok) throw new Error(`The sync worker refused a dev token (${response.status})`);
    current = (await response.json()) as DevToken;
    return current.token;
  };
}
