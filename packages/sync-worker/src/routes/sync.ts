import { Hono } from 'hono';
import type { AuthenticatedAppEnv } from '../app-env.js';
import { authenticate } from '../auth/authenticate.js';
import { ApiError } from '../http/api-error.js';
import { CONNECTION_HEADER, connectionInfoFrom } from '../sync/connection-info.js';
import { store } from './store-stub.js';

/**
 * `GET /sync/:storeId`: the WebSocket a TinyBase synchronizer connects to. The Worker
 * authenticates the upgrade (401/403 before any socket exists) and hands it to the store's
 * Durable Object with what the session may do, which the object keeps with the socket.
 */
export const syncRoutes = new Hono<AuthenticatedAppEnv>().get(
  '/sync/:storeId',
  authenticate,
  (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError('upgrade_required', 'Connect with a WebSocket upgrade');
    }
    const { storeAccess, session, webSocketProtocol, config } = c.var;
    const connection = connectionInfoFrom(config.schema, storeAccess, session, webSocketProtocol);
    const headers = new Headers(c.req.raw.headers);
    // The token stays out of the Durable Object: it may travel in any of these.
    headers.delete('authorization');
    headers.delete('sec-websocket-protocol');
    headers.set(CONNECTION_HEADER, JSON.stringify(connection));
    // The Durable Object serves the store named by the path.
    const url = new URL(c.req.url);
    url.pathname = `/${storeAccess.storeId}`;
    url.search = '';
    return store(c).fetch(new Request(url, { headers }));
  },
);
