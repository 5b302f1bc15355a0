import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  parseTokenAccepted,
  TOKEN_REFRESH_PREFIX,
  tokenAcceptedNotice,
  tokenRefreshFrame,
} from '../protocol/wire-protocol.js';
import { type GetToken, REFRESH_RETRY_MS, TokenRefresher } from './token-refresher.js';
import { unsignedJwt } from './unsigned-jwt.fixture.js';

const START = Date.UTC(2026, 0, 1);
/** A token issued `issuedAfterMs` after START that lives `lifetimeMs`. */
const tokenAt = (issuedAfterMs: number, lifetimeMs = 6_000) =>
  unsignedJwt({
    sub: 'user_1',
    iat: (START + issuedAfterMs) / 1000,
    exp: (START + issuedAfterMs + lifetimeMs) / 1000,
  });
const expiryOf = (issuedAfterMs: number, lifetimeMs = 6_000) => START + issuedAfterMs + lifetimeMs;

function refresherWith(getToken: GetToken = vi.fn(async () => tokenAt(Date.now() - START))) {
  const sent: string[] = [];
  let open = true;
  const refresher = new TokenRefresher({
    getToken,
    send: (frame) => {
      if (open) sent.push(frame);
      return open;
    },
  });
  return { refresher, sent, getToken, close: () => (open = false) };
}

describe('TokenRefresher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('sends a fresh token (asked for with skipCache) before the one in use expires', async () => {
    const { refresher, sent, getToken } = refresherWith();
    refresher.connected(tokenAt(0));
    await vi.advanceTimersByTimeAsync(3_999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(getToken).toHaveBeenCalledWith({ skipCache: true });
    expect(sent).toEqual([tokenRefreshFrame(tokenAt(4_000))]);
  });

  it('schedules the next refresh from the accepted token, and so on across lifetimes', async () => {
    const { refresher, sent } = refresherWith();
    refresher.connected(tokenAt(0));
    const expected: string[] = [];
    for (let round = 1; round <= 5; round++) {
      // Two thirds into each 6 s token's life, the next one goes out.
      await vi.advanceTimersByTimeAsync(4_000);
      expected.push(tokenRefreshFrame(tokenAt(round * 4_000)));
      expect(sent).toEqual(expected);
      refresher.accepted({ expiresAt: expiryOf(round * 4_000), readOnly: false });
    }
  });

  it('ignores an answer that does not extend the connection, and retries', async () => {
    const { refresher, sent } = refresherWith();
    refresher.connected(tokenAt(0));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(sent).toHaveLength(1);
    // The server kept the token in force (the one sent expired no later).
    refresher.accepted({ expiresAt: expiryOf(0), readOnly: false });
    await vi.advanceTimersByTimeAsync(REFRESH_RETRY_MS);
    expect(sent).toHaveLength(2);
  });

  it('tries again while nothing is accepted, and stops with the connection', async () => {
    const getToken = vi.fn(async (): Promise<string | null> => null);
    const { refresher, sent } = refresherWith(getToken);
    refresher.connected(tokenAt(0));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(getToken).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(REFRESH_RETRY_MS);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(sent).toEqual([]);
    refresher.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('does not send a token that would not extend the connection (a cached one)', async () => {
    const cached = tokenAt(0);
    const { refresher, sent, getToken } = refresherWith(vi.fn(async () => cached));
    refresher.connected(cached);
    await vi.advanceTimersByTimeAsync(4_000 + REFRESH_RETRY_MS);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(sent).toEqual([]);
  });

  it('survives getToken throwing, and drops a token that arrives after the connection closed', async () => {
    let release: (token: string) => void = () => undefined;
    const getToken = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('Clerk is down'))
      .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const { refresher, sent } = refresherWith(getToken);
    refresher.connected(tokenAt(0));
    await vi.advanceTimersByTimeAsync(4_000 + REFRESH_RETRY_MS);
    expect(getToken).toHaveBeenCalledTimes(2);
    refresher.stop();
    release(tokenAt(6_000));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual([]);
  });

  it('never refreshes a token without an expiry', async () => {
    const { refresher, getToken } = refresherWith();
    refresher.connected('opaque-token');
    refresher.connected(null);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(getToken).not.toHaveBeenCalled();
  });
});

describe('refresh frames on the wire', () => {
  it('cannot be taken for a TinyBase frame, which always has a newline', () => {
    const frame = tokenRefreshFrame(tokenAt(0));
    expect(frame.startsWith(TOKEN_REFRESH_PREFIX)).toBe(true);
    expect(frame).not.toContain('\n');
  });

  it("the server's answer round-trips, and nothing else reads as one", () => {
    const answer = { expiresAt: START + 60_000, readOnly: true };
    expect(parseTokenAccepted(tokenAcceptedNotice(answer))).toEqual(answer);
    expect(parseTokenAccepted('S\n["tinysync.read-only",0,[0,0]]')).toBeUndefined();
    expect(parseTokenAccepted('S\n["tinysync.token-accepted",0,[0,0]]')).toBeUndefined();
    expect(parseTokenAccepted('S\n["tinysync.token-accepted",0,')).toBeUndefined();
  });
});
