// The production app (createApp: middleware, JSON errors, 404s) with the dev token router
// mounted (again, should app.ts already mount it: the first mount answers, identically), plus
// two routes under /test/ that exist only to observe `authenticate` and cannot clash with the
// app's own routes.
import { env } from 'cloudflare:workers';
import { appSchema } from '@tinysync/store';
import { Hono } from 'hono';
import { createApp } from '../../../src/app.ts';
import type { AppEnv } from '../../../src/app-env.ts';
import { authenticate } from '../../../src/auth/authenticate.ts';
import { resolveSyncWorkerOptions } from '../../../src/config/sync-worker-options.ts';
import type { Env } from '../../../src/env.ts';
import { ApiError } from '../../../src/http/api-error.ts';
import { devTokenRoutes } from '../../../src/routes/dev-token.ts';

const observedRoutes = new Hono<AppEnv>()
  .get('/test/stores/:storeId/whoami', authenticate, (c) =>
    c.json({
      session: c.var.session,
      storeAccess: c.var.storeAccess,
      webSocketProtocol: c.var.webSocketProtocol ?? null,
    }),
  )
  // The essentials of a /sync/:storeId upgrade: authenticate, then answer 101 echoing the
  // subprotocol so that browsers keep the socket.
  .get('/test/sync/:storeId', authenticate, (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError('upgrade_required', 'Expected a WebSocket upgrade');
    }
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    server.send(JSON.stringify(c.var.storeAccess));
    const protocol = c.var.webSocketProtocol;
    return new Response(null, {
      status: 101,
      webSocket: client,
      headers: protocol === undefined ? {} : { 'Sec-WebSocket-Protocol': protocol },
    });
  });

export function createTestApp() {
  return createApp(resolveSyncWorkerOptions({ schema: appSchema }))
    .route('/', devTokenRoutes)
    .route('/', observedRoutes);
}

/**
 * Where the tests reach the worker: loopback, the only place the dev configuration is served
 * (a deployed worker's hostname is its own: see `isLocalRequest`).
 */
export const LOCAL_ORIGIN = 'http://127.0.0.1';
/** A hostname a deployed worker could have. */
export const DEPLOYED_ORIGIN = 'https://sync.example.com';

/** Sends a request through the test app with the dev configuration's bindings (or others). */
export async function send(
  path: string,
  init: RequestInit = {},
  bindings: Env = env,
  origin = LOCAL_ORIGIN,
): Promise<Response> {
  return createTestApp().request(`${origin}${path}`, init, bindings);
}
