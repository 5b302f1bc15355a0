/**
 * Steps that run at once on plain values and wait only on promises. A mutation whose callbacks
 * and write are all synchronous (no sync client) then settles within `mutate`, so the result is
 * there by the end of the event handler, as today; a promise anywhere makes the rest wait for it.
 */
export type MaybePromise<T> = T | PromiseLike<T>;

function isPromiseLike<T>(value: MaybePromise<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `next(value)` now, or once `value` resolves. */
export function thenOrNow<T, R>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<R>,
): MaybePromise<R> {
  return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
}

/** `run()`, with `recover(error)` for what it throws now or rejects with later. */
export function attemptOrNow<R>(
  run: () => MaybePromise<R>,
  recover: (error: unknown) => MaybePromise<R>,
): MaybePromise<R> {
  let result: MaybePromise<R>;
  try {
    result = run();
  } catch (error) {
    return recover(error);
  }
  return isPromiseLike(result) ? Promise.resolve(result).catch(recover) : result;
}
