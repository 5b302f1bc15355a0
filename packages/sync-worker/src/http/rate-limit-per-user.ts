import { RateLimiter } from '../sync/rate-limiter.js';
import { ApiError } from './api-error.js';

const REQUESTS_PER_SECOND = 50;
const BURST = 200;
const MAX_TRACKED_USERS = 10_000;
const limiters = new Map<string, RateLimiter>();

/**
 * Counts one authenticated request (HTTP call or WebSocket upgrade) against its user's token
 * bucket, kept in this isolate's memory: a guard against one client flooding, not a global
 * quota (use Cloudflare's rate-limiting binding for that). Taken once the token is verified and
 * before the store is authorized, so a flood never reaches an app's `authorizeStore` (which may
 * query a database) nor a Durable Object.
 *
 * @throws ApiError `rate_limited` (429) once the user's bucket is empty.
 */
export function takeUserRequest(userId: string): void {
  let limiter = limiters.get(userId);
  if (limiter === undefined) {
    if (limiters.size >= MAX_TRACKED_USERS) limiters.clear();
    limiter = new RateLimiter(REQUESTS_PER_SECOND, BURST);
    limiters.set(userId, limiter);
  }
  if (!limiter.tryTake()) throw new ApiError('rate_limited', 'Too many requests; slow down');
}
