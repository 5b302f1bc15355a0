// A hostile review: every message with dropped cells logged a line with five sample cells whose
// table, row and cell ids (client-chosen) were logged whole, at up to 200 messages a second.
import { MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DROPPED_CELLS_LOG_INTERVAL_MS,
  DroppedCellsLog,
  droppedCellsLogLine,
  LOGGED_ID_CHARS,
} from '../../../src/sync/dropped-cells-log.ts';
import { ADMIN, connectClient, eventually, openSocket } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
const T = 'Nn1JUF-----7JQY8';
let storeCounter = 0;
const newStoreId = () => `org_droplog${++storeCounter}_${Date.now()}`;
const longId = (index: number) => `${'z'.repeat(5_000)}${index}`;
const droppedLines = (warn: { mock: { calls: unknown[][] } }) =>
  warn.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('changes_dropped'));

afterEach(() => vi.restoreAllMocks());

describe('the dropped-cells log', () => {
  it('cuts client-chosen ids, and says how long they were', () => {
    const cell = { tableId: longId(1), rowId: longId(2), cellId: longId(3), deletion: false };
    const line = droppedCellsLogLine(
      { store: 'org_1', userId: 'user_1' },
      Array.from({ length: 1_000 }, () => ({ ...cell, reason: longId(4) })),
      { messages: 0, cells: 0 },
    );
    expect(line.length).toBeLessThan(3_000);
    const parsed = JSON.parse(line);
    expect(parsed.count).toBe(1_000);
    expect(parsed.sample).toHaveLength(5);
    expect(parsed.sample[0].rowId).toBe(`${'z'.repeat(LOGGED_ID_CHARS)}…(5001 chars)`);
  });

  it('writes one line per interval per connection, and counts the rest into the next', () => {
    let now = 0;
    const lines: string[] = [];
    const log = new DroppedCellsLog(
      () => now,
      (line) => lines.push(line),
    );
    const cell = { tableId: 't', rowId: 'r', cellId: 'c', reason: 'no', deletion: false };
    for (let message = 0; message < 200; message++) log.report({ store: 's', userId: 'u' }, [cell]);
    expect(lines).toHaveLength(1);
    now = DROPPED_CELLS_LOG_INTERVAL_MS;
    log.report({ store: 's', userId: 'u' }, [cell, cell]);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      count: 2,
      unlogged: { messages: 199, cells: 199 },
    });
  });

  it('is bounded in the Durable Object: a flood of long-id drops logs a line or two, each short', async () => {
    const warn = vi.spyOn(console, 'warn');
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const attacker = await openSocket(storeId, { ...ADMIN, userId: 'user_flood' });
    for (let message = 0; message < 40; message++) {
      // Unknown tables with long ids: dropped, nothing to put back.
      const tables = Object.fromEntries(
        Array.from({ length: 5 }, (_, index) => [
          longId(message * 5 + index),
          [{ r1: [{ [longId(index)]: ['x', T] }, ''] }, ''],
        ]),
      );
      attacker.send(
        `${SERVER_CLIENT_ID}\n${JSON.stringify([null, MESSAGE.contentDiff, [[tables, ''], [{}, ''], 1]])}`,
      );
    }
    // A sentinel sent after the flood on the same socket: once it lands, every frame was read.
    attacker.send(
      `${SERVER_CLIENT_ID}\n${JSON.stringify([null, MESSAGE.contentDiff, [[{ users: [{ sentinel: [Object.fromEntries(Object.entries(ada).map(([cellId, value]) => [cellId, [value, T]]))] }] }], [{}], 1]])}`,
    );
    await eventually(() => expect(observer.store.getRow('users', 'sentinel')).toEqual(ada));
    const lines = droppedLines(warn);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const line of lines) expect(line.length).toBeLessThan(3_000);
  });
});
