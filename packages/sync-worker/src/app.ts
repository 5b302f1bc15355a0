import { Hono } from 'hono';
import type { AppEnv } from './app-env.js';
import type { SyncWorkerConfig } from './config/sync-worker-options.js';
import { ApiError } from './http/api-error.js';
import { corsFromEnv, requestId, timingAndLog } from './http/middleware.js';
import { devTokenRoutes } from './routes/dev-token.js';
import { healthRoutes } from './routes/health.js';
import { syncRoutes } from './routes/sync.js';
import { tableRoutes } from './routes/tables.js';

/** The Worker's HTTP surface. Every error leaves as `{ "error": { "code", "message" } }`. */
export function createApp(config: SyncWorkerConfig) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId, timingAndLog, corsFromEnv);
  app.use('*', async (c, next) => {
    c.set('config', config);
    await next();
  });
  app.route('/', healthRoutes);
  app.route('/', syncRoutes);
  app.route('/', tableRoutes);
  app.route('/', devTokenRoutes);
  app.notFound(() => {
    throw new ApiError('not_found', 'No such route');
  });
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toJSON(), error.status);
    console.error(
      JSON.stringify({ level: 'error', requestId: c.get('requestId'), error: String(error) }),
    );
    return c.json(new ApiError('internal_error', 'Internal error').toJSON(), 500);
  });
  return app;
}
