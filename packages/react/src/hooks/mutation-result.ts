/**
 * A mutation hook's options: React Query v5's `useMutation` lifecycle callbacks. A callback that
 * returns a promise is awaited before the next step, as React Query does.
 */
export interface MutationOptions<Variables, Data, Context = unknown> {
  /**
   * Runs before the write, with its variables; what it returns is the mutation's `context`,
   * passed to the other callbacks (e.g. what to restore on error).
   */
  readonly onMutate?: (variables: Variables) => Context | Promise<Context>;
  /**
   * TinySync's own (React Query has none): the write is in the local store, so every query
   * shows it and it is kept offline; the server has it later (`onSuccess`). What a form does
   * once the user's input is saved (clear itself, open the new row) belongs here, so it does
   * not wait for the network, and offline for the next connection.
   */
  readonly onWritten?: (data: Data, variables: Variables, context: Context) => unknown;
  /** The server holds the write (at once without a sync client). */
  readonly onSuccess?: (data: Data, variables: Variables, context: Context) => unknown;
  /** The write was invalid, the server refused it, or the session may not write. */
  readonly onError?: (error: Error, variables: Variables, context: Context | undefined) => unknown;
  /** After `onSuccess` or `onError`. */
  readonly onSettled?: (
    data: Data | undefined,
    error: Error | null,
    variables: Variables,
    context: Context | undefined,
  ) => unknown;
}

/**
 * Callbacks for one `mutate` call, after the hook's own; like React Query, only those of the
 * latest call run, and only while the component is mounted.
 */
export interface MutateOptions<Variables, Data, Context = unknown> {
  /** The write is in the local store (see `MutationOptions.onWritten`), after the hook's. */
  readonly onWritten?: (data: Data, variables: Variables, context: Context) => void;
  readonly onSuccess?: (data: Data, variables: Variables, context: Context) => void;
  readonly onError?: (error: Error, variables: Variables, context: Context | undefined) => void;
  readonly onSettled?: (
    data: Data | undefined,
    error: Error | null,
    variables: Variables,
    context: Context | undefined,
  ) => void;
}

/** The hook-level options under their earlier name. */
export type MutationCallbacks<Variables, Data, Context = unknown> = MutationOptions<
  Variables,
  Data,
  Context
>;

/** What every state of a mutation result has (React Query's `MutationObserverBaseResult`). */
interface MutationResultBase<Variables, Data, Context> {
  /** Runs the mutation; errors go to `error` and the callbacks, never thrown. */
  readonly mutate: (
    variables: Variables,
    options?: MutateOptions<Variables, Data, Context>,
  ) => void;
  /** Runs the mutation; resolves once the server holds the write, rejects with the typed error. */
  readonly mutateAsync: (
    variables: Variables,
    options?: MutateOptions<Variables, Data, Context>,
  ) => Promise<Data>;
  /** Back to idle; a pending write still completes, its hook-level callbacks still run. */
  readonly reset: () => void;
  /** What `onMutate` returned for the latest call. */
  readonly context: Context | undefined;
  /** 1 after the latest call failed, else 0 (writes are not retried: a refusal is final). */
  readonly failureCount: number;
  readonly failureReason: Error | null;
  /** Pending while the device is offline (or the sync client stopped): the write waits to go out. */
  readonly isPaused: boolean;
  /** When the latest `mutate` was called (ms since epoch); 0 before the first. */
  readonly submittedAt: number;
}

export interface IdleMutationResult<Variables, Data, Context>
  extends MutationResultBase<Variables, Data, Context> {
  readonly status: 'idle';
  readonly data: undefined;
  readonly error: null;
  readonly variables: undefined;
  readonly isIdle: true;
  readonly isPending: false;
  readonly isSuccess: false;
  readonly isError: false;
}

/** Written locally (visible in every query at once), not yet confirmed by the server. */
export interface PendingMutationResult<Variables, Data, Context>
  extends MutationResultBase<Variables, Data, Context> {
  readonly status: 'pending';
  readonly data: undefined;
  readonly error: null;
  readonly variables: Variables;
  readonly isIdle: false;
  readonly isPending: true;
  readonly isSuccess: false;
  readonly isError: false;
}

export interface ErrorMutationResult<Variables, Data, Context>
  extends MutationResultBase<Variables, Data, Context> {
  readonly status: 'error';
  readonly data: undefined;
  readonly error: Error;
  readonly variables: Variables;
  readonly isIdle: false;
  readonly isPending: false;
  readonly isSuccess: false;
  readonly isError: true;
}

export interface SuccessMutationResult<Variables, Data, Context>
  extends MutationResultBase<Variables, Data, Context> {
  readonly status: 'success';
  readonly data: Data;
  readonly error: null;
  readonly variables: Variables;
  readonly isIdle: false;
  readonly isPending: false;
  readonly isSuccess: true;
  readonly isError: false;
}

/**
 * What a mutation hook returns: React Query v5's `UseMutationResult`, a union discriminated by
 * `status` (and by `isSuccess`, `isError`, …), so `status === 'success'` narrows `data`.
 */
export type MutationResult<Variables, Data, Context = unknown> =
  | IdleMutationResult<Variables, Data, Context>
  | PendingMutationResult<Variables, Data, Context>
  | ErrorMutationResult<Variables, Data, Context>
  | SuccessMutationResult<Variables, Data, Context>;
