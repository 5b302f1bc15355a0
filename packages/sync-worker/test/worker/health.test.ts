import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /health', () => {
  it('answers ok with the version, a request id and the response time', async () => {
    const response = await exports.default.fetch('http://worker/health', {
      headers: { 'X-Request-Id': 'req-1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: '0.1.0' });
    expect(response.headers.get('X-Request-Id')).toBe('req-1');
    expect(response.headers.get('X-Response-Time')).toMatch(/^\d+ms$/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await exports.default.fetch('http://worker/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No such route' },
    });
  });
});
