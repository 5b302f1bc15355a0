import { type NodeClient, untilWritesAreSent } from '@tinysync/sync-worker/testing';

/** Rows per transaction: many sync messages of a realistic size rather than one giant one. */
const TRANSACTION_ROWS = 500;

/**
 * Writes users `u0` … `u{rows - 1}` through `writer` in 500-row transactions, each once TinyBase
 * sends writes again (it drops those made while it reloads), yielding after each so the socket
 * sends it before the next is built.
 */
export async function writeUsers(writer: NodeClient, rows: number): Promise<void> {
  for (let start = 0; start < rows; start += TRANSACTION_ROWS) {
    await untilWritesAreSent(writer);
    writer.store.transaction(() => {
      for (let index = start; index < Math.min(rows, start + TRANSACTION_ROWS); index++) {
        writer.store.setRow('users', `u${index}`, {
          name: `User ${index}`,
          email: `user${index}@example.com`,
          role: 'member',
          createdAt: 1_700_000_000_000 + index,
        });
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
