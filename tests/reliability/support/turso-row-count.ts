import type { Client } from '@libsql/client';

/** How many rows of `tableId` Turso holds for the store: counted by the database, not read. */
export async function tursoRowCount(db: Client, tableId: string, storeId: string): Promise<number> {
  const { rows } = await db
    .execute({
      sql: `SELECT COUNT(*) AS n FROM "${tableId}" WHERE _tinysync_store = ?`,
      args: [storeId],
    })
    // The worker creates a mirror table on its first flush: no table yet, no rows yet.
    .catch((error: unknown) => {
      if (String(error).includes('no such table')) return { rows: [{ n: 0 }] };
      throw error;
    });
  return Number(rows[0]?.n ?? 0);
}
