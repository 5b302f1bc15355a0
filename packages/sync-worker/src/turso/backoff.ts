const FIRST_RETRY_MS = 250;

/** Exponential backoff with jitter for retrying a remote database: 250 ms, 500 ms, … up to a cap. */
export class Backoff {
  #failures = 0;

  constructor(private readonly maxDelayMs: number) {}

  get failures(): number {
    return this.#failures;
  }

  /** Records a failure; returns when to try again. */
  fail(now: number): number {
    this.#failures++;
    const delay = Math.min(this.maxDelayMs, FIRST_RETRY_MS * 2 ** (this.#failures - 1));
    return Math.ceil(now + delay * (0.75 + Math.random() * 0.25));
  }

  succeed(): void {
    this.#failures = 0;
  }
}
