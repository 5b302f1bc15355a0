import { orgStoreId, userStoreId } from '@tinysync/store';

/** A session token handed to the page in its URL fragment, and the store it opens. */
export interface DevSession {
  readonly token: string;
  readonly storeId: string;
}

/**
 * DEV ONLY. Reads `#token=<session token>` from the URL fragment, which browsers never send to
 * a server, and picks the store the token's claims name: its organization's (`org_id`, or `o.id`
 * in Clerk's v2 claims), else the user's own. The claims are read, not verified: the worker
 * verifies every token and refuses any store the token does not grant.
 */
export function readDevSession(hash: string): DevSession | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  if (!token) return null;
  const claims = decodeClaims(token);
  if (claims === null || typeof claims.sub !== 'string') return null;
  const orgId = typeof claims.org_id === 'string' ? claims.org_id : claims.o?.id;
  return { token, storeId: orgId ? orgStoreId(orgId) : userStoreId(claims.sub) };
}

interface Claims {
  readonly sub?: unknown;
  readonly org_id?: unknown;
  readonly o?: { readonly id?: string };
}

function decodeClaims(token: string): Claims | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : null;
  } catch {
    return null;
  }
}
