import { useCallback, useMemo, useRef, useState } from 'react';

export interface MutationCallbacks<Variables, Result> {
  readonly onSuccess?: (result: Result, variables: Variables) => void;
  readonly onError?: (error: Error, variables: Variables) => void;
}

/** React Query's `useMutation` result shape, for a write to the local store. */
export interface MutationResult<Variables, Result> {
  /** Runs the write; errors go to `error` (and `onError`), never thrown. */
  readonly mutate: (variables: Variables, callbacks?: MutationCallbacks<Variables, Result>) => void;
  /** Runs the write; rejects with the typed error (e.g. `ValidationError`). */
  readonly mutateAsync: (variables: Variables) => Promise<Result>;
  readonly data: Result | undefined;
  readonly error: Error | null;
  readonly status: 'idle' | 'pending' | 'success' | 'error';
  readonly isIdle: boolean;
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  readonly reset: () => void;
}

type State<Result> = { status: 'idle' | 'success' | 'error'; data?: Result; error: Error | null };

/**
 * A mutation over a synchronous, validated store write. Invalid input never changes the
 * store: the operation throws before writing, and the error lands in `error`.
 */
export function useTableMutation<Variables, Result>(
  write: (variables: Variables) => Result,
  options: MutationCallbacks<Variables, Result> = {},
): MutationResult<Variables, Result> {
  const [state, setState] = useState<State<Result>>({ status: 'idle', error: null });
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const run = useCallback(
    (variables: Variables, callbacks?: MutationCallbacks<Variables, Result>) => {
      try {
        const result = write(variables);
        setState({ status: 'success', data: result, error: null });
        optionsRef.current.onSuccess?.(result, variables);
        callbacks?.onSuccess?.(result, variables);
        return { ok: true as const, result };
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        setState({ status: 'error', error });
        optionsRef.current.onError?.(error, variables);
        callbacks?.onError?.(error, variables);
        return { ok: false as const, error };
      }
    },
    [write],
  );
  const mutate = useCallback(
    (variables: Variables, callbacks?: MutationCallbacks<Variables, Result>) => {
      run(variables, callbacks);
    },
    [run],
  );
  const mutateAsync = useCallback(
    async (variables: Variables) => {
      const outcome = run(variables);
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    },
    [run],
  );
  const reset = useCallback(() => setState({ status: 'idle', error: null }), []);

  return useMemo(
    () => ({
      mutate,
      mutateAsync,
      data: state.data,
      error: state.error,
      status: state.status,
      isIdle: state.status === 'idle',
      // A local write completes within the call: there is no pending phase to observe.
      isPending: false,
      isSuccess: state.status === 'success',
      isError: state.status === 'error',
      reset,
    }),
    [mutate, mutateAsync, reset, state],
  );
}
