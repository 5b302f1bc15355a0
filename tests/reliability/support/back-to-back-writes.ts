/**
 * Unsent bytes a writer lets pile up before it waits. TinyBase's WsSynchronizer closes its own
 * socket (1013) once more than 16 MiB would be unsent, so a writer that ignores the socket's
 * backlog loses its connection instead of testing the server.
 */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

export interface BackToBackWrites {
  /** The first row index to write, and one past the last. */
  readonly from: number;
  readonly to: number;
  readonly rowsPerTransaction: number;
  /** Writes rows `first` to `end - 1` as one transaction. */
  readonly writeTransaction: (first: number, end: number) => void;
  /** Bytes the writer's socket has not sent yet (0 while it has no open socket). */
  readonly unsentBytes: () => number;
}

/**
 * Writes rows in many small transactions as fast as the socket takes them: after each
 * transaction it yields once (so the socket sends it while the next is built), and waits while
 * more than MAX_UNSENT_BYTES are still unsent.
 */
export async function writeBackToBack({
  from,
  to,
  rowsPerTransaction,
  writeTransaction,
  unsentBytes,
}: BackToBackWrites): Promise<void> {
  for (let first = from; first < to; first += rowsPerTransaction) {
    writeTransaction(first, Math.min(to, first + rowsPerTransaction));
    do await new Promise((resolve) => setTimeout(resolve, 0));
    while (unsentBytes() > MAX_UNSENT_BYTES);
  }
}
