import { appSchema } from '@tinysync/store';
import { DELETED_ON_THE_WIRE } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import {
  DELIVERED_CHANGE_TTL_MS,
  MAX_QUEUED_CELLS,
  QueuedRows,
} from '../../../src/sync/queued-rows.ts';
import { createRowPolicy } from '../../../src/sync/row-policy.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };

describe('createRowPolicy', () => {
  const held: Record<string, Record<string, unknown>> = { u1: ada };
  const deleted = new Set(['gone']);
  const policy = createRowPolicy(
    appSchema,
    (_tableId, rowId) => held[rowId],
    (_tableId, rowId) => rowId in held || deleted.has(rowId),
  );

  it('accepts changes that leave a row whole, or gone', () => {
    expect(policy('users', 'u1', { name: 'Ada L.' })).toBeUndefined();
    expect(policy('users', 'u2', ada)).toBeUndefined();
    const allDeleted = Object.fromEntries(Object.keys(ada).map((id) => [id, DELETED_ON_THE_WIRE]));
    expect(policy('users', 'u1', allDeleted)).toBeUndefined();
    // Cells with defaults may be left out.
    expect(policy('users', 'u3', { name: 'Bo', email: 'bo@example.com' })).toBeUndefined();
  });

  it('refuses deleting a required cell of a row the server holds', () => {
    expect(policy('users', 'u1', { email: DELETED_ON_THE_WIRE })).toEqual({
      reason: "the row would be invalid: 'email' must be an email address",
      heldBack: false,
    });
  });

  it('holds back a row the server never had that lacks a required cell', () => {
    expect(policy('users', 'u2', { name: 'Half' })).toMatchObject({ heldBack: true });
  });

  // A client that edited a row offline which another client deleted meanwhile sent that
  // edit alone; held back, it never reached the server and the client never converged.
  it('refuses, rather than holds back, half a row the server deleted: it stays deleted', () => {
    expect(policy('users', 'gone', { name: 'Back?' })).toMatchObject({ heldBack: false });
  });
});

// A hostile review: a row the server already held invalid (stored before rows were checked, or
// before the schema gained a required cell) refused every edit, of any of its cells, for good.
describe('createRowPolicy, for a row the server already holds invalid', () => {
  const { email: _, ...withoutEmail } = ada;
  const policy = createRowPolicy(
    appSchema,
    () => withoutEmail,
    () => true,
  );

  it('takes edits of its other cells, and the change that mends it', () => {
    expect(policy('users', 'old', { name: 'Ada L.' })).toBeUndefined();
    expect(policy('users', 'old', { avatarUrl: 'https://example.com/a.png' })).toBeUndefined();
    expect(policy('users', 'old', { email: ada.email })).toBeUndefined();
  });

  it('refuses a change that makes it worse: a valid cell deleted or another issue', () => {
    expect(policy('users', 'old', { name: DELETED_ON_THE_WIRE })).toEqual({
      reason: "the row would be invalid: 'name' Invalid input: expected string, received undefined",
      heldBack: false,
    });
    expect(policy('users', 'old', { name: ' ' })).toMatchObject({ heldBack: false });
  });
});

describe('QueuedRows', () => {
  it('lays queued changes over the applied row, in order, until the copy shows them', () => {
    const now = 0;
    const queued = new QueuedRows(() => now);
    const created = queued.add([{ tableId: 'users', rowId: 'u1', cells: ada }]);
    const renamed = queued.add([{ tableId: 'users', rowId: 'u1', cells: { name: 'Ada L.' } }]);
    expect(queued.overlay('users', 'u1', undefined)).toEqual({ ...ada, name: 'Ada L.' });
    expect(queued.overlay('users', 'u2', undefined)).toBeUndefined();
    // Handed to TinyBase but not applied yet: still laid over.
    queued.delivered(created);
    queued.delivered(renamed);
    expect(queued.overlay('users', 'u1', undefined)).toEqual({ ...ada, name: 'Ada L.' });
    expect(queued.size).toBe(2);
    // Applied: let go.
    expect(queued.overlay('users', 'u1', { ...ada, name: 'Ada L.' })).toEqual({
      ...ada,
      name: 'Ada L.',
    });
    expect(queued.size).toBe(0);
  });

  it('lets delivered changes go after a while, even when the copy never shows them', () => {
    let now = 0;
    const queued = new QueuedRows(() => now);
    const change = queued.add([{ tableId: 'users', rowId: 'u1', cells: { name: 'Lost' } }]);
    queued.delivered(change);
    now = DELIVERED_CHANGE_TTL_MS + 1;
    expect(queued.overlay('users', 'u1', ada)).toEqual(ada);
    expect(queued.size).toBe(0);
  });

  it('keeps what waits in the inbox, however long', () => {
    let now = 0;
    const queued = new QueuedRows(() => now);
    queued.add([{ tableId: 'users', rowId: 'u1', cells: { name: 'Waiting' } }]);
    now = DELIVERED_CHANGE_TTL_MS * 10;
    expect(queued.overlay('users', 'u1', ada)).toEqual({ ...ada, name: 'Waiting' });
  });

  // A hostile review: a delivered change was let go only when its row was checked again, or
  // once 10,000 changes had come after it; changes TinyBase never applied stayed.
  it('lets delivered changes past their time go as others come, without their rows checked', () => {
    let now = 0;
    const queued = new QueuedRows(() => now);
    for (let index = 0; index < 100; index++) {
      queued.delivered(queued.add([{ tableId: 'users', rowId: `u${index}`, cells: ada }]));
    }
    expect(queued.size).toBe(100);
    now = DELIVERED_CHANGE_TTL_MS + 1;
    queued.add([{ tableId: 'users', rowId: 'next', cells: ada }]);
    expect(queued.size).toBe(1);
    expect(queued.cellCount).toBe(4);
  });

  it(`keeps at most ${MAX_QUEUED_CELLS} cells: the oldest delivered changes go first`, () => {
    const queued = new QueuedRows(() => 0);
    const wide = Object.fromEntries(Array.from({ length: 1_000 }, (_, index) => [`c${index}`, 1]));
    const waiting = queued.add([{ tableId: 'users', rowId: 'waiting', cells: wide }]);
    for (let index = 0; index < 300; index++) {
      queued.delivered(queued.add([{ tableId: 'users', rowId: `u${index}`, cells: wide }]));
    }
    expect(queued.cellCount).toBeLessThanOrEqual(MAX_QUEUED_CELLS);
    expect(queued.overlay('users', 'u0', undefined)).toBeUndefined();
    expect(queued.overlay('users', 'u299', undefined)).toEqual(wide);
    // Not handed to TinyBase yet: kept, whatever the budget.
    expect(queued.overlay('users', 'waiting', undefined)).toEqual(wide);
    queued.delivered(waiting);
  });
});
