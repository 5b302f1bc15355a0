import type { MutationOptions } from './mutation-result.js';
import { attemptOrNow, type MaybePromise, thenOrNow } from './then-or-now.js';

export type MutationOutcome<Data> =
  | { readonly ok: true; readonly data: Data }
  | { readonly ok: false; readonly error: Error };

export interface MutationRun<Variables, Data, Context> {
  readonly variables: Variables;
  /** The hook's options as they are when `mutate` is called. */
  readonly options: MutationOptions<Variables, Data, Context>;
  /** The local write, and the server's confirmation of it (none: settled at once). */
  readonly write: (variables: Variables) => {
    readonly data: Data;
    readonly confirmed: Promise<void> | undefined;
  };
  /** `onMutate` returned the context the other callbacks get. */
  readonly onContext: (context: Context) => void;
  /** The write is in the local store; the hook's `onWritten` has run. */
  readonly onWritten?: (data: Data, context: Context | undefined) => void;
}

/**
 * One mutation, in React Query v5's order: `onMutate`, the write (then TinySync's own
 * `onWritten`), the server's confirmation, then `onSuccess` and `onSettled`; or, when any step throws (`onSuccess` included, as in React
 * Query), `onError` and `onSettled`. Failures of `onError` and `onSettled` themselves are
 * reported and do not change the outcome.
 */
export function runMutation<Variables, Data, Context>(
  run: MutationRun<Variables, Data, Context>,
): MaybePromise<MutationOutcome<Data>> {
  const { variables, options } = run;
  let context: Context | undefined;
  type Outcome = MaybePromise<MutationOutcome<Data>>;
  const succeed = (data: Data): Outcome =>
    thenOrNow(options.onSuccess?.(data, variables, context as Context), () =>
      thenOrNow(options.onSettled?.(data, null, variables, context), () => ({ ok: true, data })),
    );
  const fail = (caught: unknown): Outcome => {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    return thenOrNow(
      reported(() => options.onError?.(error, variables, context)),
      () =>
        thenOrNow(
          reported(() => options.onSettled?.(undefined, error, variables, context)),
          () => ({
            ok: false,
            error,
          }),
        ),
    );
  };
  const mutateAndWrite = (): Outcome =>
    thenOrNow(options.onMutate?.(variables), (returned): Outcome => {
      context = returned;
      if (returned !== undefined) run.onContext(returned);
      const { data, confirmed } = run.write(variables);
      return thenOrNow(options.onWritten?.(data, variables, context as Context), () => {
        run.onWritten?.(data, context);
        return confirmed === undefined ? succeed(data) : confirmed.then(() => succeed(data));
      });
    });
  return attemptOrNow(mutateAndWrite, fail);
}

/** Runs a callback whose failure must not hide the mutation's own error. */
function reported(callback: () => unknown): MaybePromise<unknown> {
  return attemptOrNow(callback, (error) => {
    console.error('A mutation callback failed', error);
  });
}
