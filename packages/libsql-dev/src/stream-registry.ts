import { randomBytes } from 'node:crypto';
import { SqlStream } from './sql-stream.ts';

interface Entry {
  readonly stream: SqlStream;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Open streams by baton. A pipeline without a baton opens a new stream (its own connection, so
 * an interactive transaction stays on it); each answer hands out a fresh baton for the next
 * pipeline of the same stream. Idle streams close after `idleMs`, rolling back what they left.
 */
export class StreamRegistry {
  readonly #streams = new Map<string, Entry>();
  /** Write transactions committed through any stream, for tests and benchmarks. */
  committedTransactions = 0;

  constructor(
    readonly dbPath: string,
    readonly idleMs = 10_000,
  ) {}

  /** The stream a baton continues; a new one for `null`; undefined for an unknown baton. */
  take(baton: string | null): SqlStream | undefined {
    if (baton === null) {
      return new SqlStream(this.dbPath, () => {
        this.committedTransactions++;
      });
    }
    const entry = this.#streams.get(baton);
    if (entry === undefined) return undefined;
    clearTimeout(entry.timer);
    this.#streams.delete(baton);
    return entry.stream;
  }

  /** Keeps a stream for its next pipeline and returns the baton that continues it. */
  keep(stream: SqlStream): string {
    const baton = randomBytes(18).toString('base64url');
    const timer = setTimeout(() => {
      this.#streams.delete(baton);
      stream.close();
    }, this.idleMs);
    timer.unref();
    this.#streams.set(baton, { stream, timer });
    return baton;
  }

  closeAll(): void {
    for (const { stream, timer } of this.#streams.values()) {
      clearTimeout(timer);
      stream.close();
    }
    this.#streams.clear();
  }
}
