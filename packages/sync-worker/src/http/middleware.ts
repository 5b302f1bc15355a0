import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-env.js';

/** Gives every request an id (the caller's `X-Request-Id` when it sends one) and echoes it. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = c.req.header('x-request-id')?.slice(0, 128) || crypto.randomUUID();
  c.set('requestId', id);
  await next();
  c.header('X-Request-Id', id);
};

/** One structured JSON log line per request, and its duration in `X-Response-Time`. */
export const timingAndLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const start = Date.now();
  await next();
  const durationMs = Date.now() - start;
  // WebSocket upgrade responses (101) are immutable; their duration is still logged.
  if (c.res.status !== 101) c.header('X-Response-Time', `${durationMs}ms`);
  console.log(
    JSON.stringify({
      level: c.res.status >= 500 ? 'error' : 'info',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      durationMs,
    }),
  );
};

/** CORS for the origins listed in `CORS_ORIGINS` (comma-separated). */
export const corsFromEnv: MiddlewareHandler<AppEnv> = (c, next) =>
  cors({
    origin: listFromEnv(c.env.CORS_ORIGINS),
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['X-Request-Id', 'X-Response-Time'],
    maxAge: 600,
  })(c, next);

export function listFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
