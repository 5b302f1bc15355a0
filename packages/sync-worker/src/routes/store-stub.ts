import type { Context } from 'hono';
import type { AuthenticatedAppEnv } from '../app-env.ts';

/** The Durable Object of the store the request was authenticated for. */
export function store(c: Context<AuthenticatedAppEnv>) {
  const { storeId } = c.var.storeAccess;
  return c.env.STORES.get(c.env.STORES.idFromName(storeId));
}
