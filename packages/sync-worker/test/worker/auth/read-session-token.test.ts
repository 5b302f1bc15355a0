import { describe, expect, it } from 'vitest';
import { readSessionToken } from '../../../src/auth/read-session-token.ts';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2ln-_nature';
const OTHER = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzIifQ.b3RoZXI';

/** A WebSocket upgrade to /sync, where every place a token may travel is read. */
const request = (headers: Record<string, string> = {}, query = '') =>
  new Request(`http://worker/sync/user_1${query}`, {
    headers: { Upgrade: 'websocket', ...headers },
  });

describe('readSessionToken', () => {
  it('reads an Authorization bearer token, with any casing of the scheme', () => {
    expect(readSessionToken(request({ Authorization: `Bearer ${JWT}` }))).toEqual({
      token: JWT,
      source: 'authorization',
    });
    expect(readSessionToken(request({ Authorization: `bearer  ${JWT} ` }))?.token).toBe(JWT);
  });

  it('reads the ?token= query parameter of a WebSocket upgrade', () => {
    expect(readSessionToken(request({}, `?token=${JWT}`))).toEqual({ token: JWT, source: 'query' });
  });

  it('never reads ?token= on a plain HTTP request, which can send the header', () => {
    const http = new Request(`http://worker/stores/user_1/tables/users?token=${JWT}`);
    expect(readSessionToken(http)).toBeUndefined();
    const withBearer = new Request(`http://worker/stores/user_1/export?token=${OTHER}`, {
      headers: { Authorization: `Bearer ${JWT}` },
    });
    expect(readSessionToken(withBearer)).toEqual({ token: JWT, source: 'authorization' });
  });

  it('reads the tinysync.auth.<jwt> subprotocol and echoes tinysync', () => {
    const offered = request({ 'Sec-WebSocket-Protocol': `tinysync, tinysync.auth.${JWT}` });
    expect(readSessionToken(offered)).toEqual({
      token: JWT,
      source: 'protocol',
      protocol: 'tinysync',
    });
  });

  it('finds the auth subprotocol in any position and without spaces', () => {
    const offered = request({ 'Sec-WebSocket-Protocol': `tinysync.auth.${JWT},tinysync` });
    expect(readSessionToken(offered)).toEqual({
      token: JWT,
      source: 'protocol',
      protocol: 'tinysync',
    });
  });

  it('does not echo a protocol the client did not offer', () => {
    const offered = request({ 'Sec-WebSocket-Protocol': `tinysync.auth.${JWT}` });
    expect(readSessionToken(offered)).toEqual({ token: JWT, source: 'protocol' });
  });

  it('echoes tinysync whichever place the token came from', () => {
    const both = request({ Authorization: `Bearer ${JWT}`, 'Sec-WebSocket-Protocol': 'tinysync' });
    expect(readSessionToken(both)).toEqual({
      token: JWT,
      source: 'authorization',
      protocol: 'tinysync',
    });
  });

  it('prefers the header over the query, and the query over the subprotocol', () => {
    const all = request(
      {
        Authorization: `Bearer ${JWT}`,
        'Sec-WebSocket-Protocol': `tinysync, tinysync.auth.${OTHER}`,
      },
      `?token=${OTHER}`,
    );
    expect(readSessionToken(all)?.source).toBe('authorization');
    const noHeader = request(
      { 'Sec-WebSocket-Protocol': `tinysync.auth.${OTHER}` },
      `?token=${JWT}`,
    );
    expect(readSessionToken(noHeader)).toEqual({ token: JWT, source: 'query' });
  });

  it('skips an Authorization header of another scheme', () => {
    const basic = request({ Authorization: 'Basic dXNlcjpwYXNz' }, `?token=${JWT}`);
    expect(readSessionToken(basic)).toEqual({ token: JWT, source: 'query' });
  });

  it('returns undefined when there is no token anywhere', () => {
    expect(readSessionToken(request())).toBeUndefined();
    expect(readSessionToken(request({ Authorization: 'Bearer ' }, '?token='))).toBeUndefined();
    expect(
      readSessionToken(request({ 'Sec-WebSocket-Protocol': 'tinysync, tinysync.auth.' })),
    ).toBeUndefined();
  });
});
