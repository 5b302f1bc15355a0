import type { MiddlewareHandler } from 'hono';
import type { AuthenticatedAppEnv } from '../app-env.js';
import { RateLimiter } from '../sync/rate-limiter.js';
import { ApiError } from './api-error.js';

const REQUESTS_PER_SECOND = 50;
const BURST = 200;
const MAX_TRACKED_USERS = 10_000;
const limiters = new Map<string, RateLimiter>();

/**
 * A per-user token bucket for the HTTP API, kept in this isolate's memory: a guard against one
 * client flooding, not a global quota (use Cloudflare's rate-limiting binding for that).
 */
export const rateLimitPerUser: MiddlewareHandler<AuthenticatedAppEnv> = async (c, next) => {
  const userId = c.var.storeAccess.userId;
  let limiter = limiters.get(userId);
  if (limiter === undefined) {
    if (limiters.size >= MAX_TRACKED_USERS) limiters.clear();
    limiter = new RateLimiter(REQUESTS_PER_SECOND, BURST);
    limiters.set(userId, limiter);
  }
  if (!limiter.tryTake()) throw new ApiError('rate_limited', 'Too many requests; slow down');
  await next();
};
