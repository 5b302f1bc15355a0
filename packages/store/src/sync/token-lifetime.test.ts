import { describe, expect, it } from 'vitest';
import { MIN_TOKEN_REFRESH_INTERVAL_MS } from '../protocol/wire-protocol.js';
import { MAX_REFRESH_LEAD_MS, refreshDelayMs, tokenTimes } from './token-lifetime.js';
import { unsignedJwt as jwtWith } from './unsigned-jwt.fixture.js';

describe('tokenTimes', () => {
  it('reads exp and iat of a JWT in ms, without verifying it', () => {
    expect(tokenTimes(jwtWith({ sub: 'user_1', iat: 1_000, exp: 1_060 }))).toEqual({
      expiresAt: 1_060_000,
      issuedAt: 1_000_000,
    });
    expect(tokenTimes(jwtWith({ exp: 1_060 }))).toEqual({ expiresAt: 1_060_000 });
  });

  it('decodes base64url payloads that need padding and non-ASCII claims', () => {
    const token = jwtWith({ exp: 2_000, name: 'Zoë ✓' });
    expect(tokenTimes(token)?.expiresAt).toBe(2_000_000);
  });

  it('tolerates tokens it cannot schedule with: no exp, not a JWT, none at all', () => {
    expect(tokenTimes(jwtWith({ sub: 'user_1' }))).toBeUndefined();
    expect(tokenTimes(jwtWith({ exp: 'soon' }))).toBeUndefined();
    expect(tokenTimes('opaque-token')).toBeUndefined();
    expect(tokenTimes('a.%%%.c')).toBeUndefined();
    expect(tokenTimes(null)).toBeUndefined();
    expect(tokenTimes(undefined)).toBeUndefined();
  });
});

describe('refreshDelayMs', () => {
  const now = 1_000_000;

  it("refreshes Clerk's 60 s tokens 15 s before they expire", () => {
    expect(refreshDelayMs({ expiresAt: now + 60_000, issuedAt: now }, now)).toBe(45_000);
    expect(MAX_REFRESH_LEAD_MS).toBe(15_000);
  });

  it('refreshes short tokens after two thirds of their life', () => {
    expect(refreshDelayMs({ expiresAt: now + 6_000, issuedAt: now }, now)).toBe(4_000);
    expect(refreshDelayMs({ expiresAt: now + 6_000 }, now)).toBe(4_000);
  });

  it("uses the token's own lifetime when this device's clock disagrees with the issuer's", () => {
    // Clock ahead: the token looks expired on arrival.
    expect(refreshDelayMs({ expiresAt: now - 5_000, issuedAt: now - 65_000 }, now)).toBe(45_000);
    // Clock behind: the token looks as if it lived longer than it does.
    expect(refreshDelayMs({ expiresAt: now + 600_000, issuedAt: now + 540_000 }, now)).toBe(45_000);
  });

  it("never refreshes faster than the server's pace", () => {
    expect(refreshDelayMs({ expiresAt: now - 1 }, now)).toBe(MIN_TOKEN_REFRESH_INTERVAL_MS);
    expect(refreshDelayMs({ expiresAt: now + 900, issuedAt: now }, now)).toBe(
      MIN_TOKEN_REFRESH_INTERVAL_MS,
    );
  });
});
