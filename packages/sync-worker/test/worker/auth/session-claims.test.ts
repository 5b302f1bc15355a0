import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sessionClaimsFrom, toOrgRole } from '../../../src/auth/session-claims.ts';
import { verifySessionToken } from '../../../src/auth/verify-session-token.ts';
import { devToken, sessionClaims } from './test-tokens.ts';

const EXP = 1_900_000_000;

describe('sessionClaimsFrom', () => {
  it('reads v1 claims (flat org_*)', () => {
    const { v: _, ...base } = sessionClaims({ exp: EXP });
    expect(
      sessionClaimsFrom({ ...base, org_id: 'org_1', org_role: 'org:admin', org_slug: 'one' }),
    ).toEqual({
      userId: 'user_1',
      sessionId: 'sess_1',
      orgId: 'org_1',
      orgRole: 'org:admin',
      orgSlug: 'one',
      expiresAt: EXP * 1000,
    });
  });

  it('reads v2 claims (o.id, o.rol without its org: prefix)', () => {
    const claims = sessionClaims({
      exp: EXP,
      o: { id: 'org_1', rol: 'viewer', slg: 'one', per: 'read' },
      fea: 'o:sync',
      sts: 'active',
    });
    expect(sessionClaimsFrom(claims)).toEqual({
      userId: 'user_1',
      sessionId: 'sess_1',
      orgId: 'org_1',
      orgRole: 'org:viewer',
      orgSlug: 'one',
      expiresAt: EXP * 1000,
    });
  });

  it('reads a session without an active organization, in both versions', () => {
    const expected = { userId: 'user_1', sessionId: 'sess_1', expiresAt: EXP * 1000 };
    expect(sessionClaimsFrom(sessionClaims({ exp: EXP }))).toEqual(expected);
    const { v: _, ...v1 } = sessionClaims({ exp: EXP });
    expect(sessionClaimsFrom(v1)).toEqual(expected);
  });

  it('leaves out optional claims rather than setting them to undefined', () => {
    const claims = sessionClaimsFrom({
      sub: 'user_1',
      sid: 'sess_1',
      exp: EXP,
      v: 2,
      o: { id: 'org_1' },
    });
    expect(claims).toEqual({
      userId: 'user_1',
      sessionId: 'sess_1',
      orgId: 'org_1',
      expiresAt: EXP * 1000,
    });
    expect(Object.keys(claims)).not.toContain('orgRole');
  });

  it('ignores a v1 role that comes without an organization', () => {
    const { v: _, ...base } = sessionClaims({ exp: EXP });
    expect(sessionClaimsFrom({ ...base, org_role: 'org:admin' })).not.toHaveProperty('orgRole');
  });

  it.each([
    ['no sub', { sid: 'sess_1', exp: EXP, v: 2 }],
    ['an empty sub', { sub: '', sid: 'sess_1', exp: EXP, v: 2 }],
    ['a numeric sub', { sub: 42, sid: 'sess_1', exp: EXP }],
    ['no exp', { sub: 'user_1', sid: 'sess_1', v: 2 }],
    ['no sid', { sub: 'user_1', exp: EXP, v: 2 }],
    ['an empty sid', { sub: 'user_1', sid: '', exp: EXP }],
    ['a pending session', { sub: 'user_1', sid: 'sess_1', exp: EXP, v: 2, sts: 'pending' }],
    ['an unknown claims version', { sub: 'user_1', sid: 'sess_1', exp: EXP, v: 3 }],
    [
      'a v2 organization without id',
      { sub: 'user_1', sid: 'sess_1', exp: EXP, v: 2, o: { rol: 'admin' } },
    ],
    ['a v1 org_id that is not a string', { sub: 'user_1', sid: 'sess_1', exp: EXP, org_id: 7 }],
  ])('refuses claims with %s as token_invalid', (_, payload) => {
    expect(() => sessionClaimsFrom(payload)).toThrow(
      expect.objectContaining({ code: 'token_invalid', status: 401 }),
    );
  });

  it('normalises a verified dev-key token end to end', async () => {
    const token = await devToken(sessionClaims({ exp: EXP, o: { id: 'org_9', rol: 'member' } }));
    expect(sessionClaimsFrom(await verifySessionToken(token, env))).toMatchObject({
      userId: 'user_1',
      orgId: 'org_9',
      orgRole: 'org:member',
    });
  });
});

describe('toOrgRole', () => {
  it('adds the org: prefix once', () => {
    expect(toOrgRole('admin')).toBe('org:admin');
    expect(toOrgRole('org:admin')).toBe('org:admin');
    expect(toOrgRole('billing_manager')).toBe('org:billing_manager');
  });
});
