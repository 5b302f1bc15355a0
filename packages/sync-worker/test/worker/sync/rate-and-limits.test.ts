import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/sync/rate-limiter.ts';
import { DEFAULT_SYNC_LIMITS, syncLimitsFrom } from '../../../src/sync/sync-limits.ts';

describe('RateLimiter', () => {
  it('allows a burst, then the sustained rate', () => {
    const limiter = new RateLimiter(10, 3, 0);
    expect([
      limiter.tryTake(0),
      limiter.tryTake(0),
      limiter.tryTake(0),
      limiter.tryTake(0),
    ]).toEqual([true, true, true, false]);
    expect(limiter.tryTake(50)).toBe(false);
    expect(limiter.tryTake(100)).toBe(true);
    expect(limiter.tryTake(10_000)).toBe(true);
  });
});

describe('syncLimitsFrom', () => {
  it('takes positive integers from the configuration and ignores anything else', () => {
    expect(syncLimitsFrom({})).toEqual(DEFAULT_SYNC_LIMITS);
    const limits = syncLimitsFrom({
      TINYSYNC_MAX_CONNECTIONS_PER_STORE: '12',
      TINYSYNC_MAX_FRAME_BYTES: '-5',
      TINYSYNC_MESSAGE_BURST: 'lots',
    });
    expect(limits.maxConnectionsPerStore).toBe(12);
    expect(limits.maxFrameBytes).toBe(DEFAULT_SYNC_LIMITS.maxFrameBytes);
    expect(limits.messageBurst).toBe(DEFAULT_SYNC_LIMITS.messageBurst);
  });
});
