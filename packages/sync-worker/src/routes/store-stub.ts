import type { Context } from 'hono';
import type { AuthenticatedAppEnv } from '../app-env.js';
import type { StoreDurableObject } from '../durable-object/store-durable-object.js';
import { ApiError } from '../http/api-error.js';

type StoresNamespace = DurableObjectNamespace<StoreDurableObject>;

/**
 * The Durable Object namespace bound under `binding`.
 *
 * @throws ApiError `misconfigured` (500) when the wrangler config binds nothing by that name,
 * which names the binding to add rather than failing on `undefined`.
 */
export function storesNamespace(env: object, binding: string): StoresNamespace {
  const namespace = (env as Record<string, unknown>)[binding] as
    | Partial<StoresNamespace>
    | undefined;
  if (typeof namespace?.idFromName !== 'function') {
    throw new ApiError(
      'misconfigured',
      `No Durable Object binding '${binding}': add it to durable_objects.bindings in the wrangler config`,
    );
  }
  return namespace as StoresNamespace;
}

/** The Durable Object of the store the request was authenticated for. */
export function store(c: Context<AuthenticatedAppEnv>) {
  const namespace = storesNamespace(c.env, c.var.config.binding);
  return namespace.get(namespace.idFromName(c.var.storeAccess.storeId));
}
