import { appSchema } from '@tinysync/store';
import { describe, expect, it } from 'vitest';
import { createCellPolicy } from '../../../src/sync/cell-policy.ts';
import { filterIncomingMessage } from '../../../src/sync/filter-changes.ts';
import { parseProtocolMessage } from '../../../src/sync/protocol-message.ts';

const T = 'Nn1JUF-----7JQY8';
const writer = {
  cell: createCellPolicy(
    appSchema,
    { readOnly: false, writableTables: ['users', 'projects', 'tasks'] },
    50,
  ),
};
const viewer = { cell: createCellPolicy(appSchema, { readOnly: true, writableTables: [] }, 50) };
const tasksOnly = {
  cell: createCellPolicy(appSchema, { readOnly: false, writableTables: ['tasks'] }, 50),
};

const diff = (tables: object) =>
  parseProtocolMessage(JSON.stringify([null, 3, [[tables, ''], [{}, ''], 1]]));

describe('filterIncomingMessage', () => {
  it('keeps valid cells and drops invalid ones from a content diff, saying why', () => {
    const message = diff({
      users: [
        { u1: [{ name: ['Ada', T], email: ['nope', T], shoe: [44, T], role: ['admin', T] }, ''] },
        '',
      ],
      ghosts: [{ g1: [{ boo: [true, T] }, ''] }, ''],
    });
    const { message: kept, dropped } = filterIncomingMessage(message as never, writer);
    expect(kept?.[2]).toEqual([
      [{ users: [{ u1: [{ name: ['Ada', T], role: ['admin', T] }, ''] }, ''] }, ''],
      [{}, ''],
      1,
    ]);
    expect(dropped.map((cell) => `${cell.tableId}.${cell.cellId}: ${cell.reason}`).sort()).toEqual([
      "ghosts.boo: unknown table 'ghosts'",
      'users.email: must be an email address',
      "users.shoe: unknown cell 'shoe'",
    ]);
  });

  it('accepts deletions of known cells and refuses null values', () => {
    const deletion = diff({ users: [{ u1: [{ name: ['\uFFFC', T] }, ''] }, ''] });
    expect(filterIncomingMessage(deletion as never, writer).dropped).toEqual([]);
    // null is a value in TinyBase 10, not a deletion, and these cells do not allow it.
    const nulled = diff({ users: [{ u1: [{ name: [null, T] }, ''] }, ''] });
    expect(filterIncomingMessage(nulled as never, writer).dropped).toHaveLength(1);
  });

  it('drops a diff with nothing left, and every cell from a read-only connection', () => {
    const { message, dropped } = filterIncomingMessage(
      diff({ users: [{ u1: [{ name: ['Ada', T] }, ''] }, ''] }) as never,
      viewer,
    );
    expect(message).toBeUndefined();
    expect(dropped[0]?.reason).toBe('read-only connection');
  });

  it('applies table permissions and the value length limit', () => {
    const message = diff({
      users: [{ u1: [{ name: ['Ada', T] }, ''] }, ''],
      tasks: [{ t1: [{ title: ['x'.repeat(51), T] }, ''] }, ''],
    });
    const { dropped } = filterIncomingMessage(message as never, tasksOnly);
    expect(dropped.map((cell) => cell.reason)).toEqual([
      "this role may not write 'users'",
      'value longer than 50 characters',
    ]);
  });

  it('filters the data in responses to the server and keeps responses that carry only hashes', () => {
    const tableDiff = parseProtocolMessage(
      JSON.stringify([
        'r1',
        0,
        [[{ users: [{ u1: [{ email: ['bad', T] }, ''] }, ''] }, ''], { users: 1 }],
      ]),
    );
    const { message } = filterIncomingMessage(tableDiff as never, writer);
    expect(message).toEqual(['r1', 0, [[{}, ''], { users: 1 }]]);
    const hashes = parseProtocolMessage('["r2",0,[123,456]]');
    expect(filterIncomingMessage(hashes as never, viewer).message).toEqual(['r2', 0, [123, 456]]);
  });

  it('treats __proto__ and constructor as unknown names without touching prototypes', () => {
    const message = parseProtocolMessage(
      `[null,3,[[{"__proto__":[{"x":[{"polluted":[true,"${T}"]},""]},""],"users":[{"constructor":[{"name":["A","${T}"]},""],"u1":[{"__proto__":["x","${T}"]},""]},""]},""],[{},""],1]]`,
    );
    const { message: kept, dropped } = filterIncomingMessage(message as never, writer);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(dropped.map((cell) => cell.reason).sort()).toEqual([
      "unknown cell '__proto__'",
      "unknown table '__proto__'",
    ]);
    // The row id `constructor` is just an id; its valid cell stays.
    expect(JSON.stringify(kept)).toContain('"constructor":[{"name":["A"');
  });

  it('drops keyed values: TinySync schemas have tables only', () => {
    const message = parseProtocolMessage(`[null,3,[[{},""],[{"theme":["dark","${T}"]},""],1]]`);
    const { message: kept, dropped } = filterIncomingMessage(message as never, writer);
    expect(kept).toBeUndefined();
    expect(dropped[0]?.reason).toBe('values are not part of the schema');
  });
});

describe('parseProtocolMessage', () => {
  it.each(['', 'null', '[]', '[null,3]', '["r",99,{}]', '[1,3,{}]', '{"a":1}', '[null,1.5,""]'])(
    'refuses %j',
    (remainder) => expect(parseProtocolMessage(remainder)).toBeUndefined(),
  );
});
