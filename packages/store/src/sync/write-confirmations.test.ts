import { describe, expect, it } from 'vitest';
import { ReadOnlyError, WriteRefusedError } from '../errors.js';
import {
  CLOSE,
  CORRECTION_REQUEST_ID,
  MESSAGE,
  SERVER_CLIENT_ID,
} from '../protocol/wire-protocol.js';
import { SessionRefusedError } from './probe-session.js';
import { SyncRefusedError } from './sync-refused-error.js';
import { INITIAL_SYNC_SNAPSHOT, type SyncSnapshot } from './sync-status.js';
import { WriteConfirmations } from './write-confirmations.js';
import type { WrittenTables } from './written-tables.js';

const T = '0000000000000000';
/** A content diff's body setting `users.<rowId>.<cellId>` to `value`. */
const diff = (rowId: string, cellId: string, value: unknown) => [
  [{ users: [{ [rowId]: [{ [cellId]: [value, T] }, T] }, T] }, T],
  [{}, ''],
  1,
];
const written: WrittenTables = { users: { u1: { email: 'a@b', name: 'Ada' } } };
const snapshot = (patch: Partial<SyncSnapshot>): SyncSnapshot => ({
  ...INITIAL_SYNC_SNAPSHOT,
  status: 'syncing',
  ...patch,
});

/** Whether the promise has settled by now (after pending microtasks), and how. */
async function stateOf(promise: Promise<void>) {
  const marker = Symbol('pending');
  const settled = await Promise.race([
    promise.then(
      () => 'resolved',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve(marker), 0)),
  ]);
  return settled === marker ? 'pending' : settled;
}

describe('WriteConfirmations', () => {
  it('resolves what waits at the next confirmation, the earlier waits included', async () => {
    const confirmations = new WriteConfirmations();
    const first = confirmations.wait(written);
    const second = confirmations.wait();
    expect(await stateOf(first)).toBe('pending');
    confirmations.confirmed();
    expect(await stateOf(first)).toBe('resolved');
    expect(await stateOf(second)).toBe('resolved');
  });

  it('rejects a write the server put back with a WriteRefusedError naming the cells', async () => {
    const confirmations = new WriteConfirmations();
    const waiting = confirmations.wait(written);
    const unrelated = confirmations.wait({ users: { u2: { name: 'Bo' } } });
    confirmations.received(
      SERVER_CLIENT_ID,
      CORRECTION_REQUEST_ID,
      MESSAGE.contentDiff,
      diff('u1', 'email', undefined),
    );
    const error = await stateOf(waiting);
    expect(error).toBeInstanceOf(WriteRefusedError);
    expect((error as WriteRefusedError).cells).toEqual([
      { tableId: 'users', rowId: 'u1', cellId: 'email', written: 'a@b', serverValue: undefined },
    ]);
    expect(await stateOf(unrelated)).toBe('pending');
  });

  it('takes a deleted row as every cell of it written undefined', async () => {
    const confirmations = new WriteConfirmations();
    const waiting = confirmations.wait({ users: { u1: undefined } });
    confirmations.received(
      SERVER_CLIENT_ID,
      CORRECTION_REQUEST_ID,
      MESSAGE.contentDiff,
      diff('u1', 'name', 'Ada'),
    );
    expect(await stateOf(waiting)).toBeInstanceOf(WriteRefusedError);
  });

  it('is not refused by a correction holding the written value, nor by ordinary changes', async () => {
    const confirmations = new WriteConfirmations();
    const waiting = confirmations.wait(written);
    // Another client's refused write, put back to this write's value: this one was taken.
    confirmations.received(
      SERVER_CLIENT_ID,
      CORRECTION_REQUEST_ID,
      MESSAGE.contentDiff,
      diff('u1', 'email', 'a@b'),
    );
    // Changes relayed from clients or sent by the server's own copy are not corrections.
    confirmations.received('c2', 'tx1', MESSAGE.contentDiff, diff('u1', 'name', 'Bo'));
    confirmations.received(SERVER_CLIENT_ID, 'tx2', MESSAGE.contentDiff, diff('u1', 'name', 'B'));
    confirmations.received(SERVER_CLIENT_ID, null, MESSAGE.response, diff('u1', 'email', 'x'));
    expect(await stateOf(waiting)).toBe('pending');
    confirmations.confirmed();
    expect(await stateOf(waiting)).toBe('resolved');
  });

  it('is not refused when another client wrote the cell before the correction arrived', async () => {
    const confirmations = new WriteConfirmations();
    const waiting = confirmations.wait(written);
    // Overwritten by a later write of another client; a third client's refused write is then
    // put back to that value. This write was overwritten, not refused.
    confirmations.received('c2', 'tx1', MESSAGE.contentDiff, diff('u1', 'email', 'c@d'));
    confirmations.received(
      SERVER_CLIENT_ID,
      CORRECTION_REQUEST_ID,
      MESSAGE.contentDiff,
      diff('u1', 'email', 'c@d'),
    );
    expect(await stateOf(waiting)).toBe('pending');
    // A cell still its own is refused as ever.
    confirmations.received(
      SERVER_CLIENT_ID,
      CORRECTION_REQUEST_ID,
      MESSAGE.contentDiff,
      diff('u1', 'name', undefined),
    );
    expect(await stateOf(waiting)).toBeInstanceOf(WriteRefusedError);
  });

  it('rejects what waits once the session is read-only or refused', async () => {
    const confirmations = new WriteConfirmations();
    const readOnly = confirmations.wait(written);
    confirmations.follow(snapshot({ status: 'synced' }));
    expect(await stateOf(readOnly)).toBe('pending');
    confirmations.follow(snapshot({ readOnly: true }));
    expect(await stateOf(readOnly)).toBeInstanceOf(ReadOnlyError);

    const unauthorized = confirmations.wait(written);
    const refusal = new SessionRefusedError(403, 'store_forbidden', 'not a member');
    confirmations.follow(snapshot({ status: 'unauthorized', error: refusal }));
    expect(await stateOf(unauthorized)).toBe(refusal);
  });

  it('rejects on a new refusal close, not on a rate limit or one seen before', async () => {
    const confirmations = new WriteConfirmations();
    const waiting = confirmations.wait(written);
    const rateLimited = new SyncRefusedError(CLOSE.rateLimited.code, 'rate_limited');
    confirmations.follow(snapshot({ status: 'error', error: rateLimited }));
    expect(await stateOf(waiting)).toBe('pending');

    const refused = new SyncRefusedError(CLOSE.readOnlyWrites.code, 'read_only_writes');
    confirmations.follow(snapshot({ status: 'error', error: refused }));
    expect(await stateOf(waiting)).toBe(refused);

    // Still in the status when the next write waits: that write was never sent on that socket.
    const next = confirmations.wait(written);
    confirmations.follow(snapshot({ status: 'error', error: refused }));
    expect(await stateOf(next)).toBe('pending');
  });
});
