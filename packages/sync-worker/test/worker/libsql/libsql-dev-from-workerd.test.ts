import { createClient, LibsqlError } from '@libsql/client/web';
import { describe, expect, inject, it } from 'vitest';

describe('the local libSQL server, from inside workerd (@libsql/client/web)', () => {
  const client = createClient({ url: inject('libsqlUrl') });

  it('executes, batches and runs interactive transactions', async () => {
    await client.batch(
      [
        'DROP TABLE IF EXISTS notes',
        'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, size REAL)',
      ],
      'write',
    );
    await client.execute({
      sql: 'INSERT INTO notes (body, size) VALUES (?, ?)',
      args: ['hello', 1.5],
    });
    await client.execute({
      sql: 'INSERT INTO notes (body, size) VALUES (:body, :size)',
      args: { body: 'named', size: 2 },
    });

    const transaction = await client.transaction('write');
    await transaction.execute({
      sql: 'INSERT INTO notes (body) VALUES (?)',
      args: ['rolled back'],
    });
    await transaction.rollback();

    const rows = (await client.execute('SELECT body, size FROM notes ORDER BY id')).rows;
    expect(rows.map((row) => [row.body, row.size])).toEqual([
      ['hello', 1.5],
      ['named', 2],
    ]);
  });

  it('reports SQL errors as LibsqlError', async () => {
    const error = await client.execute('SELEC 1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LibsqlError);
    expect((error as LibsqlError).code).toBe('SQLITE_ERROR');
  });
});
