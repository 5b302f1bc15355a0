/**
 * The object's budget for unfinished fragmented messages, in messages of the largest size
 * (`maxMessageBytes`). Each connection may hold one such message in parts; without a budget
 * for the whole object, one user's 16 sockets could hold 16 × 32 MiB for a minute, well past
 * the 128 MB a Durable Object has.
 */
export const FRAGMENT_BUDGET_MESSAGES = 2;

/** What holds part of the budget and can let go of what has expired (a reassembler). */
export interface BudgetHolder {
  expire(): void;
}

/**
 * Characters of unfinished fragmented messages held for all of one Durable Object's
 * connections: each connection's reassembler takes from it as chunks arrive and gives back
 * when a message completes, expires or its socket closes.
 */
export class FragmentBudget {
  readonly #holders = new Set<BudgetHolder>();
  #usedChars = 0;

  constructor(readonly maxChars: number) {}

  get usedChars(): number {
    return this.#usedChars;
  }

  /**
   * Takes `chars` when they fit; false when they do not, even once every holder has let go of
   * its expired messages (which expire lazily, when their own connection sends again).
   */
  take(holder: BudgetHolder, chars: number): boolean {
    this.#holders.add(holder);
    if (this.#usedChars + chars > this.maxChars) {
      for (const other of this.#holders) other.expire();
      if (this.#usedChars + chars > this.maxChars) return false;
    }
    this.#usedChars += chars;
    return true;
  }

  give(chars: number): void {
    this.#usedChars = Math.max(0, this.#usedChars - chars);
  }

  /** The holder holds nothing any more (its socket closed). */
  leave(holder: BudgetHolder): void {
    this.#holders.delete(holder);
  }
}
