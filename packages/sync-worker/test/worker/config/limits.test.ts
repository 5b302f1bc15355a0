import { describe, expect, it } from 'vitest';
import { createSyncWorker, DEFAULT_SYNC_LIMITS, MIN_FRAME_BYTES } from '../../../src/index.ts';
import { syncLimitsFrom } from '../../../src/sync/sync-limits.ts';
import { bookmarksSchema as schema } from '../../fixtures/bookmarks-worker/schema.ts';

describe('limits a worker file chooses', () => {
  it('override the defaults, and the environment overrides them', () => {
    expect(syncLimitsFrom({}, { maxConnectionsPerStore: 3 }).maxConnectionsPerStore).toBe(3);
    const fromEnv = syncLimitsFrom(
      { TINYSYNC_MAX_CONNECTIONS_PER_STORE: '9' },
      { maxConnectionsPerStore: 3 },
    );
    expect(fromEnv.maxConnectionsPerStore).toBe(9);
    const perUser = syncLimitsFrom(
      { TINYSYNC_MAX_CONNECTIONS_PER_USER: '2' },
      { maxConnectionsPerUser: 4 },
    );
    expect(perUser.maxConnectionsPerUser).toBe(2);
  });

  it.each([
    ['NaN', { maxFrameBytes: Number.NaN }, /positive integer/],
    ['zero', { messagesPerSecond: 0 }, /positive integer/],
    ['a fraction', { messageBurst: 1.5 }, /positive integer/],
    ['Infinity', { maxConnectionsPerStore: Number.POSITIVE_INFINITY }, /positive integer/],
    ['a per-user maximum of zero', { maxConnectionsPerUser: 0 }, /positive integer/],
    ['a frame limit under a client fragment', { maxFrameBytes: 256 * 1024 }, /at least/],
    [
      'a message limit under the frame limit',
      { maxMessageBytes: MIN_FRAME_BYTES - 1 },
      /at least maxFrameBytes/,
    ],
    ['an unknown limit', { fragmentBytes: 10 }, /unknown limit/],
  ])('are refused when the worker loads: %s', (_name, limits, message) => {
    expect(() => createSyncWorker({ schema, limits: limits as never })).toThrow(message);
  });

  it('ignore an environment variable that is not a valid limit', () => {
    const limits = syncLimitsFrom({
      TINYSYNC_MAX_FRAME_BYTES: String(MIN_FRAME_BYTES - 1),
      TINYSYNC_MESSAGES_PER_SECOND: 'NaN',
    });
    expect(limits.maxFrameBytes).toBe(DEFAULT_SYNC_LIMITS.maxFrameBytes);
    expect(limits.messagesPerSecond).toBe(DEFAULT_SYNC_LIMITS.messagesPerSecond);
  });

  it('keep the message limit at least the frame limit whatever the environment says', () => {
    const limits = syncLimitsFrom({
      TINYSYNC_MAX_FRAME_BYTES: String(4 * 1024 * 1024),
      TINYSYNC_MAX_MESSAGE_BYTES: String(MIN_FRAME_BYTES),
    });
    expect(limits.maxMessageBytes).toBe(4 * 1024 * 1024);
  });
});
