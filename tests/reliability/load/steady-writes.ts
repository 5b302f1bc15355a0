export interface SteadyWrites {
  readonly writers: number;
  /** Writes per second of each writer. */
  readonly writesPerSecond: number;
  readonly durationMs: number;
  /** Makes the `sequence`-th write (0, 1, …) of writer `writer` (0 … writers - 1). */
  readonly write: (writer: number, sequence: number) => void;
}

/**
 * Has every writer write at the same steady rate for `durationMs`. The writers' ticks are
 * spread evenly over one period, so the server sees a steady stream, not all of them at once.
 * One timer drives them all from a fixed schedule: when this process falls behind, the writes
 * that are due go out together and the schedule is kept, so the total stays as asked.
 * Resolves after the last write with the number of writes each writer made.
 */
export async function writeSteadily({
  writers,
  writesPerSecond,
  durationMs,
  write,
}: SteadyWrites): Promise<number> {
  const periodMs = 1000 / writesPerSecond;
  const writesEach = Math.max(1, Math.floor((durationMs / 1000) * writesPerSecond));
  const schedule: { at: number; writer: number; sequence: number }[] = [];
  for (let sequence = 0; sequence < writesEach; sequence++) {
    for (let writer = 0; writer < writers; writer++) {
      schedule.push({ at: (sequence + writer / writers) * periodMs, writer, sequence });
    }
  }
  const start = performance.now();
  for (const { at, writer, sequence } of schedule) {
    const wait = start + at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    write(writer, sequence);
  }
  return writesEach;
}
