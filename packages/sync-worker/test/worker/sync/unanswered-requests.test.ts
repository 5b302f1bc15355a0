import { describe, expect, it } from 'vitest';
import { readCompactMessageHead, readMessageHead } from '../../../src/sync/message-head.ts';
import { UnansweredRequests } from '../../../src/sync/unanswered-requests.ts';

describe('readMessageHead', () => {
  it('reads the request id and type without the body', () => {
    expect(readMessageHead('["a.b",4,{"t":1}]')).toEqual({ requestId: 'a.b', type: 4 });
    expect(readMessageHead('[null,2,[1,2]]')).toEqual({ requestId: null, type: 2 });
    expect(readMessageHead(JSON.stringify(['q"\\\n', 0, [1, 2]]))).toEqual({
      requestId: 'q"\\\n',
      type: 0,
    });
  });

  it('parses a message written with spaces or other numbers whole, and refuses non-messages', () => {
    expect(readMessageHead(' [ "x" , 2.0 , [1, 2] ]')).toEqual({ requestId: 'x', type: 2 });
    expect(readMessageHead('[null,9,""]')).toBeUndefined();
    expect(readMessageHead('nope')).toBeUndefined();
  });

  it('reads a fragmented message from its first fragment only, when compact', () => {
    const id = 'abcdefghijklmnop';
    expect(readCompactMessageHead(`${id}\n0\n3\n["r.1",5,{"t":`)).toEqual({
      requestId: 'r.1',
      type: 5,
    });
    expect(readCompactMessageHead(`${id}\n1\n3\n["r.1",5,{"t":`)).toBeUndefined();
    expect(readCompactMessageHead(' ["x",0,[1,2]]')).toBeUndefined();
  });
});

describe('UnansweredRequests', () => {
  const bounds = { timeoutMs: 1000, perConnection: 1, perUser: 2 };

  it('lets a connection start one pull at a time, until answered or timed out', () => {
    const requests = new UnansweredRequests(bounds);
    expect(requests.mayStartPull('c1', 'u1', 0)).toBe(true);
    requests.sent('c1', 'r1', undefined, 0);
    expect(requests.mayStartPull('c1', 'u1', 10)).toBe(false);
    requests.answered('c1', 'r1');
    expect(requests.mayStartPull('c1', 'u1', 20)).toBe(true);
    requests.sent('c1', 'r2', undefined, 20);
    expect(requests.waitingOn('c1', 1019)).toBe(1);
    expect(requests.waitingOn('c1', 1020)).toBe(0);
    expect(requests.mayStartPull('c1', 'u1', 1020)).toBe(true);
  });

  it("bounds a user's waiting requests over all its connections", () => {
    const requests = new UnansweredRequests(bounds);
    for (const clientId of ['c1', 'c2']) {
      expect(requests.mayStartPull(clientId, 'u1', 0)).toBe(true);
      requests.sent(clientId, `${clientId}.r`, undefined, 0);
    }
    expect(requests.mayStartPull('c3', 'u1', 0)).toBe(false);
    expect(requests.mayStartPull('c4', 'u2', 0)).toBe(true);
    // An answer to a request the server never sent that client frees nothing.
    requests.answered('c3', 'c1.r');
    expect(requests.mayStartPull('c3', 'u1', 0)).toBe(false);
  });
});

describe('UnansweredRequests.claim', () => {
  it('takes one answer per waiting request, from the client it was sent to, before it times out', () => {
    const requests = new UnansweredRequests({ timeoutMs: 1_000, perConnection: 1, perUser: 2 });
    requests.sent('c1', 'r.1', 'u1', 0);
    expect(requests.claim('c2', 'r.1', 10)).toBe(false);
    expect(requests.claim('c1', 'r.2', 10)).toBe(false);
    expect(requests.claim('c1', 'r.1', 10)).toBe(true);
    expect(requests.claim('c1', 'r.1', 10)).toBe(false);
    requests.sent('c1', 'r.3', 'u1', 0);
    expect(requests.claim('c1', 'r.3', 1_000)).toBe(false);
  });
});
