import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MergeableStore } from 'tinybase';
import { useTinySyncSession } from '../tinysync-context.js';
import { captureWritten } from './capture-written.js';
import type { MutateOptions, MutationOptions, MutationResult } from './mutation-result.js';
import { type MutationOutcome, runMutation } from './run-mutation.js';
import { thenOrNow } from './then-or-now.js';
import { useSyncPaused } from './use-sync-paused.js';

export type {
  MutateOptions,
  MutationCallbacks,
  MutationOptions,
  MutationResult,
} from './mutation-result.js';

interface State<Variables, Data, Context> {
  readonly status: MutationResult<Variables, Data, Context>['status'];
  readonly data?: Data | undefined;
  readonly error: Error | null;
  readonly variables?: Variables;
  readonly context?: Context | undefined;
  readonly submittedAt: number;
}

const IDLE = { status: 'idle', error: null, submittedAt: 0 } as const;

/**
 * React Query's `useMutation` over a validated local write. The write happens at once, so every
 * query shows it immediately; the mutation stays pending until the server holds it (the sync
 * client's confirmation), then succeeds, or fails if the server refused it. Without a sync
 * client it settles within `mutate`. Invalid input never changes the store: the write throws
 * before writing, and the error lands in `error`.
 */
export function useTableMutation<Variables, Data, Context = unknown>(
  write: (variables: Variables) => Data,
  options: MutationOptions<Variables, Data, Context> = {},
): MutationResult<Variables, Data, Context> {
  const { app, client } = useTinySyncSession('the mutation hooks');
  const [state, setState] = useState<State<Variables, Data, Context>>(IDLE);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  /** The latest call: only it updates the result and runs its per-call callbacks. */
  const latestRef = useRef<object | undefined>(undefined);
  const mountedRef = useRef(true);
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
    };
  }, []);

  const execute = useCallback(
    (variables: Variables, perCall: MutateOptions<Variables, Data, Context> = {}) => {
      const call = {};
      latestRef.current = call;
      const isLatest = () => latestRef.current === call;
      let context: Context | undefined;
      setState({ status: 'pending', error: null, variables, submittedAt: Date.now() });
      const outcome = runMutation({
        variables,
        options: optionsRef.current,
        onContext: (returned) => {
          context = returned;
          if (isLatest()) setState((current) => ({ ...current, context: returned }));
        },
        onWritten: (data) => {
          if (isLatest() && mountedRef.current) {
            perCall.onWritten?.(data, variables, context as Context);
          }
        },
        write: (input) => {
          const { result, written } = captureWritten(app.store as unknown as MergeableStore, () =>
            write(input),
          );
          return { data: result, confirmed: client?.whenSynced(written) };
        },
      });
      return thenOrNow(outcome, (settled: MutationOutcome<Data>) => {
        if (!isLatest()) return settled;
        setState((current) => settledState(current, settled));
        if (mountedRef.current) notifyPerCall(perCall, settled, variables, context);
        return settled;
      });
    },
    [app, client, write],
  );

  const mutate = useCallback(
    (variables: Variables, perCall?: MutateOptions<Variables, Data, Context>) => {
      void execute(variables, perCall);
    },
    [execute],
  );
  const mutateAsync = useCallback(
    async (variables: Variables, perCall?: MutateOptions<Variables, Data, Context>) => {
      const settled = await execute(variables, perCall);
      if (!settled.ok) throw settled.error;
      return settled.data;
    },
    [execute],
  );
  const reset = useCallback(() => {
    latestRef.current = undefined;
    setState(IDLE);
  }, []);
  const isPaused = useSyncPaused(client, state.status === 'pending');

  return useMemo(
    () =>
      ({
        mutate,
        mutateAsync,
        reset,
        status: state.status,
        data: state.data,
        error: state.error,
        variables: state.variables,
        context: state.context,
        submittedAt: state.submittedAt,
        failureCount: state.status === 'error' ? 1 : 0,
        failureReason: state.error,
        isPaused,
        isIdle: state.status === 'idle',
        isPending: state.status === 'pending',
        isSuccess: state.status === 'success',
        isError: state.status === 'error',
      }) as MutationResult<Variables, Data, Context>,
    [mutate, mutateAsync, reset, state, isPaused],
  );
}

function settledState<Variables, Data, Context>(
  current: State<Variables, Data, Context>,
  settled: MutationOutcome<Data>,
): State<Variables, Data, Context> {
  return settled.ok
    ? { ...current, status: 'success', data: settled.data, error: null }
    : { ...current, status: 'error', data: undefined, error: settled.error };
}

/** The latest call's own callbacks, after the hook's and after the result changed. */
function notifyPerCall<Variables, Data, Context>(
  perCall: MutateOptions<Variables, Data, Context>,
  settled: MutationOutcome<Data>,
  variables: Variables,
  context: Context | undefined,
): void {
  if (settled.ok) {
    perCall.onSuccess?.(settled.data, variables, context as Context);
    perCall.onSettled?.(settled.data, null, variables, context);
  } else {
    perCall.onError?.(settled.error, variables, context);
    perCall.onSettled?.(undefined, settled.error, variables, context);
  }
}
