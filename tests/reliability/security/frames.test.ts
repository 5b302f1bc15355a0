// Hostile WebSocket frames from an authenticated connection, against the running system
// (wrangler dev + libSQL). Each case either closes the offending connection with the
// documented code, or drops the offending part while the rest of the store's traffic goes on;
// in every case the store holds exactly what it should in the Durable Object and in Turso, the
// two bystander clients stay connected and keep syncing, and the worker keeps serving.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type RunningSystem, startSystem } from '../support/running-system.ts';
import { BASELINE, guardStore, type Tables, withRows } from './guarded-store.ts';
import { openRawSocket } from './raw-socket.ts';
import { callApi } from './store-api.ts';
import { contentDiffFrame, fragmentFrame, hlcAt, type Rows } from './wire-frames.ts';

/**
 * Small limits, so that the too-big and too-fast cases are quick: a frame may still carry a
 * cell just over the 100,000-character limit, so that one reaches the cell checks. The frame
 * limit is the smallest the worker accepts (MIN_FRAME_BYTES, a client fragment and its header).
 */
const LIMITS = {
  TINYSYNC_MAX_FRAME_BYTES: '263168',
  TINYSYNC_MAX_MESSAGE_BYTES: '500000',
  TINYSYNC_MESSAGES_PER_SECOND: '20',
  TINYSYNC_MESSAGE_BURST: '60',
};
const MAX_CELL_CHARS = 100_000;
const OPEN = 1;

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem(LIMITS);
});
afterAll(async () => {
  await system?.stop();
});

type Frame = string | Uint8Array;

interface Closes {
  /** The frames the hostile connection sends, their cells stamped `time`. */
  readonly frames: (time: string) => Frame[];
  /** The close the server answers with; the reason is checked when given. */
  readonly closes: { readonly code: number; readonly reason?: string };
  readonly role?: 'org:viewer';
}

interface Drops {
  readonly frames: (time: string) => Frame[];
  /** What of them the store keeps (besides the valid row sent after them); nothing by default. */
  readonly keeps?: Tables;
}

/** A valid row the hostile connection sends after its hostile frames: once the store has it,
 * the server has handled everything before it on that connection. */
const FOLLOW_UP: Rows = {
  followUp: { name: 'Follow-up', email: 'follow-up@example.com', role: 'member', createdAt: 4 },
};

// Hostile names such as `__proto__` are given through Object.fromEntries: in an object literal
// a `__proto__` key would set the prototype instead of naming a table, cell or value.
const diff = (tables: Record<string, Rows>, values?: Record<string, unknown>) => (time: string) => [
  contentDiffFrame(tables, time, values),
];
const userRow = (cells: Record<string, unknown>) => diff({ users: { hostile: cells } });

const closingFrames: Record<string, Closes> = {
  'a frame without the recipient line': {
    frames: () => ['hello'],
    closes: { code: 1007, reason: 'malformed_frame' },
  },
  'text that is not JSON': {
    frames: () => ['\n{oops'],
    closes: { code: 1007, reason: 'malformed_frame' },
  },
  'JSON that is not a message': {
    frames: () => ['\n{"type":"hello"}'],
    closes: { code: 1007, reason: 'malformed_frame' },
  },
  'an unknown message type': {
    frames: () => ['\n[null,99,{}]'],
    closes: { code: 1007, reason: 'malformed_frame' },
  },
  'a request id that is a number': {
    frames: () => ['\n[1,3,{}]'],
    closes: { code: 1007, reason: 'malformed_frame' },
  },
  'a binary frame': {
    frames: () => [new Uint8Array([0, 159, 146, 150])],
    closes: { code: 1003, reason: 'binary_frames_not_supported' },
  },
  'a fragment numbered past its total': {
    frames: () => [fragmentFrame('fragmented', 5, 2, 'xx')],
    closes: { code: 1007, reason: 'malformed_frame' },
  },
  'a frame over the frame limit': {
    frames: () => [`\n${'x'.repeat(Number(LIMITS.TINYSYNC_MAX_FRAME_BYTES))}`],
    closes: { code: 1009, reason: 'message_too_big' },
  },
  'fragments of one message adding up past the message limit': {
    frames: () =>
      [0, 1, 2].map((index) => fragmentFrame('hugeMessage', index, 4, 'x'.repeat(190_000))),
    closes: { code: 1009, reason: 'message_too_big' },
  },
  'many unfinished fragmented messages adding up past the message limit': {
    frames: () =>
      ['unfinishedA', 'unfinishedB', 'unfinishedC'].map((id) =>
        fragmentFrame(id, 0, 2, 'x'.repeat(190_000)),
      ),
    closes: { code: 1009, reason: 'message_too_big' },
  },
  // Each announces 1,000 parts and sends none of their characters: the slots it reserves count
  // against the message budget, and a connection holds only a few unfinished messages.
  'more unfinished fragmented messages than a connection may hold': {
    frames: () =>
      ['emptyA', 'emptyB', 'emptyC', 'emptyD', 'emptyE'].map((id) =>
        fragmentFrame(id, 0, 1000, ''),
      ),
    closes: { code: 1007, reason: 'malformed_frame' },
  },
  'a read-only viewer that keeps writing after it was told': {
    frames: (time) =>
      Array.from({ length: 12 }, (_, index) =>
        contentDiffFrame({ users: { ada: { name: `Viewer's ${index}` } } }, time),
      ),
    closes: { code: 4030, reason: 'read_only_writes' },
    role: 'org:viewer',
  },
  'a flood of messages past the rate limit': {
    frames: () => Array.from({ length: 300 }, () => '\n[null,1,""]'),
    closes: { code: 4029, reason: 'rate_limited' },
  },
  'a request whose body has the wrong shape': {
    frames: () => ['\n[null,1,{"give":"everything"}]'],
    closes: { code: 1007 },
  },
  'a response whose body has the wrong shape': {
    frames: () => ['\n["never-asked",0,[[{"users":[{}]}],[{},""]]]'],
    closes: { code: 1007 },
  },
  // The next four pass the worker's own checks, so it relays them to the store's other
  // clients before TinyBase's server copy refuses them; each standard client that receives one
  // closes its own connection (1007). Failing when written: the relay must only carry messages
  // TinyBase accepts.
  'a content diff whose body is not an array': {
    frames: () => ['\n[null,3,"everything"]'],
    closes: { code: 1007 },
  },
  'a content diff whose changes flag is not 1': {
    frames: (time) => [
      contentDiffFrame({ users: { hostile: { name: 'Flag' } } }, time).replace(/,1\]\]$/, ',2]]'),
    ],
    closes: { code: 1007 },
  },
  'a cell stamped with a time that is not an HLC': {
    frames: () => [contentDiffFrame({ users: { hostile: { name: 'Clockless' } } }, 'not-an-hlc')],
    closes: { code: 1007 },
  },
  'a content diff whose body is not an array, from a read-only viewer': {
    frames: () => ['\n[null,3,"everything"]'],
    closes: { code: 1007 },
    role: 'org:viewer',
  },
};

const droppedFrames: Record<string, Drops> = {
  'an unknown table': { frames: diff({ ghosts: { g1: { boo: true } } }) },
  'an unknown cell': { frames: userRow({ isAdmin: true }) },
  'an unknown cell beside valid ones (the valid ones stay)': {
    frames: userRow({ name: 'Part', email: 'part@example.com', isAdmin: true }),
    keeps: { users: { hostile: { name: 'Part', email: 'part@example.com' } } },
  },
  'a number where a string belongs': { frames: userRow({ name: 42 }) },
  'a string where a number belongs': { frames: userRow({ createdAt: 'yesterday' }) },
  'a value outside its enum': { frames: userRow({ role: 'superadmin' }) },
  'an invalid email': { frames: userRow({ email: 'not-an-email' }) },
  'a blank required string': { frames: userRow({ name: '   ' }) },
  'a fractional integer': { frames: userRow({ createdAt: 1.5 }) },
  'a negative timestamp': { frames: userRow({ createdAt: -1 }) },
  'a number JSON reads as Infinity (1e400)': {
    frames: (time) => [
      contentDiffFrame({ users: { hostile: { createdAt: 'INFINITY' } } }, time).replace(
        '"INFINITY"',
        '1e400',
      ),
    ],
  },
  'a boolean where a number belongs': { frames: diff({ tasks: { hostile: { position: true } } }) },
  'null as a value': { frames: userRow({ name: null }) },
  'an object as a value': { frames: userRow({ name: { toString: 'Ada' } }) },
  'an array as a value': { frames: userRow({ name: ['Ada'] }) },
  'a string over the 100,000-character limit': {
    frames: userRow({ name: 'x'.repeat(MAX_CELL_CHARS + 1) }),
  },
  'a row id over 256 characters': {
    frames: diff({ users: { ['r'.repeat(257)]: { name: 'Long id', email: 'long@example.com' } } }),
  },
  'a row id with a control character': {
    frames: diff({ users: { 'line\nbreak': { name: 'Newline', email: 'nl@example.com' } } }),
  },
  'a row id with a lone surrogate': {
    frames: diff({ users: { 'half\uD83D': { name: 'Half', email: 'half@example.com' } } }),
  },
  'a new row without a required cell (held back, never stored)': {
    frames: userRow({ name: 'No email' }),
  },
  'the deletion of a required cell (put back)': {
    frames: diff({ users: { ada: { email: '\uFFFC' } } }),
  },
  'an empty row id': {
    frames: diff({ users: { '': { name: 'No id', email: 'none@example.com' } } }),
  },
  'a keyed value (TinySync stores have tables only)': {
    frames: diff({}, { theme: 'dark' }),
  },
  'a deletion of a cell the schema does not have': {
    frames: diff({ users: { ada: { isAdmin: '\uFFFC' } } }),
  },
  '__proto__ as a table id': {
    frames: diff(Object.fromEntries([['__proto__', { r1: { polluted: true } }]])),
  },
  'constructor as a table id': { frames: diff({ constructor: { r1: { polluted: true } } }) },
  '__proto__ as a cell id': { frames: userRow(Object.fromEntries([['__proto__', 'polluted']])) },
  'constructor as a cell id': { frames: userRow({ constructor: 'polluted' }) },
  '__proto__ as a value id': { frames: diff({}, Object.fromEntries([['__proto__', 'polluted']])) },
  'a change addressed straight to another client': {
    frames: (time) => [
      `someone-else${contentDiffFrame({ users: { hostile: { name: 'Direct', email: 'd@example.com' } } }, time)}`,
    ],
  },
  'a cell stamped an hour in the future': {
    frames: () => [
      contentDiffFrame(
        { users: { hostile: { name: 'Later', email: 'l@example.com' } } },
        hlcAt(Date.now() + 3_600_000),
      ),
    ],
  },
  'a well-formed response to a request never made': {
    frames: () => ['\n["never-asked",0,[0,0]]'],
  },
};

let storeCounter = 0;
const attackedStore = () => guardStore(system, `org_frames${++storeCounter}`);

async function hostileConnection(storeId: string, role: 'org:admin' | 'org:viewer' = 'org:admin') {
  const token = await system.tokenFor(storeId, { sub: 'user_hostile', role });
  const hostile = await openRawSocket(system.worker.wsUrl, storeId, token);
  onTestFinished(() => hostile.close());
  return hostile;
}

describe('hostile frames that close the connection', () => {
  it.each(Object.entries(closingFrames))(
    'closes the connection that sends %s, and only that one',
    async (_case, { frames, closes, role }) => {
      const guarded = await attackedStore();
      const hostile = await hostileConnection(guarded.storeId, role);
      for (const frame of frames(hlcAt(Date.now()))) hostile.send(frame);
      expect(await hostile.closed).toMatchObject(closes);
      await guarded.expectIntact();
    },
  );
});

describe('hostile parts of frames that are dropped', () => {
  it.each(Object.entries(droppedFrames))(
    'drops %s, keeps the connection and the rest of the traffic',
    async (_case, { frames, keeps = {} }) => {
      const guarded = await attackedStore();
      const hostile = await hostileConnection(guarded.storeId);
      const time = hlcAt(Date.now());
      for (const frame of frames(time)) hostile.send(frame);
      hostile.send(contentDiffFrame({ users: FOLLOW_UP }, time));

      let expected = withRows(BASELINE, 'users', FOLLOW_UP);
      for (const [tableId, rows] of Object.entries(keeps)) {
        expected = withRows(expected, tableId, rows);
      }
      await guarded.expectIntact(expected);
      expect(hostile.socket.readyState).toBe(OPEN);
    },
  );
});

describe('a read-only viewer writing rows the store does not have', () => {
  // Measured before the fix: 1,000 such rows with 2,000-character ids grew the server's
  // snapshot by 2.2 MB for good, as stamped deletions stored, sent to Turso and to every client.
  it('plants nothing in the Durable Object, in Turso or on the other clients', async () => {
    const guarded = await attackedStore();
    const viewer = await hostileConnection(guarded.storeId, 'org:viewer');
    const time = hlcAt(Date.now());
    const planted = (prefix: string, idLength: number) =>
      Object.fromEntries(
        Array.from({ length: 50 }, (_, index) => [
          `${prefix}${index}`.padEnd(idLength, 'x'),
          { name: 'Planted', email: 'planted@example.com' },
        ]),
      );
    viewer.send(contentDiffFrame({ users: planted('long', 2_000) }, time));
    viewer.send(contentDiffFrame({ users: planted('short', 10) }, time));
    viewer.send(contentDiffFrame({ projects: planted('proj', 10) }, time));
    await guarded.expectIntact();
    expect(viewer.socket.readyState).toBe(OPEN);
    // Not even as deletions: the server's whole CRDT state names none of the planted rows.
    const token = await system.tokenFor(guarded.storeId, { sub: 'user_admin', role: 'org:admin' });
    const snapshot = await callApi(system.worker.url, {
      method: 'GET',
      path: `/stores/${guarded.storeId}/snapshot`,
      token,
    });
    expect(snapshot.status).toBe(200);
    expect(JSON.stringify(snapshot.body)).not.toMatch(/long0|short0|proj0/);
  });
});

describe("a refused write does not undo anyone else's", () => {
  it("leaves a member's edit that is older than a viewer's refused write, but arrives after it, to win", async () => {
    const guarded = await attackedStore();
    const viewer = await hostileConnection(guarded.storeId, 'org:viewer');
    const member = await hostileConnection(guarded.storeId);
    const now = Date.now();
    // A viewer whose clock runs a minute ahead writes a cell; a member's edit of the same cell,
    // stamped between the stored value and the viewer's write, is still on its way.
    viewer.send(contentDiffFrame({ users: { ada: { name: 'Viewer' } } }, hlcAt(now + 60_000)));
    member.send(contentDiffFrame({ users: { ada: { name: 'Ada L.' } } }, hlcAt(now + 30_000)));
    member.send(contentDiffFrame({ users: FOLLOW_UP }, hlcAt(now)));
    const expected = withRows(withRows(BASELINE, 'users', FOLLOW_UP), 'users', {
      ada: { ...BASELINE.users?.ada, name: 'Ada L.' },
    });
    await guarded.expectIntact(expected);
  });
});
