/**
 * Bounds the time fast-check spends shrinking a failure when each execution of the property
 * costs seconds. fast-check's own `interruptAfterTimeLimit` is no use here: it also cuts the
 * initial runs short and counts an interrupted run as a success, so a slow failure could pass.
 *
 * Once the first failure has been seen and `budgetMs` has passed, `exhausted()` is true: the
 * property then returns at once for every remaining shrink candidate, as if it held, so
 * fast-check stops descending and reports the smallest counterexample found so far. Before the
 * first failure it is never exhausted, so it cannot turn a failing property into a passing one.
 */
export class ShrinkBudget {
  #deadline: number | undefined;

  constructor(private readonly budgetMs: number) {}

  /** Call when an execution failed: starts the clock on the first failure. */
  failed(): void {
    this.#deadline ??= Date.now() + this.budgetMs;
  }

  exhausted(): boolean {
    return this.#deadline !== undefined && Date.now() > this.#deadline;
  }
}
