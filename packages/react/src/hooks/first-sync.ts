import type { AnySchema, SyncClient, SyncSnapshot, TinySyncStore } from '@tinysync/store';

/** React Query's `fetchStatus`: fetching, waiting for the network (`paused`), or neither. */
export type FetchStatus = 'fetching' | 'paused' | 'idle';

/**
 * How far this session's first sync has got: what decides whether a query may show the store's
 * rows yet (a store that is still empty may only be empty because the server has not answered).
 */
export interface FirstSyncState {
  /** The server has delivered the store in this session (always true without a server). */
  readonly synced: boolean;
  /** The store held rows at some point of this session (loaded from disk, synced or written). */
  readonly hasLocalData: boolean;
  /** Of the first sync: `paused` while offline, `idle` once synced or while it has failed. */
  readonly fetchStatus: FetchStatus;
  /** Why the first sync failed last (`unauthorized` or `error`); kept until it succeeds. */
  readonly error: Error | null;
  readonly errorUpdatedAt: number;
  /** Failures of the first sync so far; back to 0 once it succeeds, as React Query's. */
  readonly failureCount: number;
  /** Every failure of this session, never reset (React Query's `errorUpdateCount`). */
  readonly errorUpdateCount: number;
}

/** A provider without a server: the local store is all there is, so nothing is ever loading. */
export const LOCAL_ONLY: FirstSyncState = {
  synced: true,
  hasLocalData: true,
  fetchStatus: 'idle',
  error: null,
  errorUpdatedAt: 0,
  failureCount: 0,
  errorUpdateCount: 0,
};

/**
 * Follows one sync client until its first sync: the client's snapshot says it when the server
 * first confirmed that it and this replica hold the same content (`lastSyncedAt` set), which is
 * when the store has everything the server had. After that the state never changes and the
 * tracker lets go of the client and the store.
 */
export class FirstSyncTracker {
  private state: FirstSyncState;
  private readonly listeners = new Set<() => void>();
  private readonly stopListening: () => void;
  private settledPromise: Promise<void> | undefined;

  constructor(
    private readonly app: TinySyncStore<AnySchema>,
    private readonly client: SyncClient,
  ) {
    this.state = {
      ...LOCAL_ONLY,
      synced: false,
      hasLocalData: app.store.hasTables(),
      fetchStatus: 'fetching',
    };
    const store = app.store as unknown as import('tinybase').MergeableStore;
    const hasTablesListener = store.addHasTablesListener(() => this.refresh());
    const stopClient = client.subscribe(() => this.refresh());
    this.stopListening = () => {
      stopClient();
      store.delListener(hasTablesListener);
    };
    this.refresh();
  }

  getState = (): FirstSyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    if (this.state.synced) return () => undefined; // final: nothing will change
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Resolves once a query may leave `pending`: rows are there, the first sync delivered, failed,
   * or cannot run (offline). One promise per wait, so Suspense retries once for all hooks.
   */
  settled(): Promise<void> {
    if (!isWaiting(this.state)) return Promise.resolve();
    this.settledPromise ??= new Promise((resolve) => {
      const stop = this.subscribe(() => {
        if (isWaiting(this.state)) return;
        stop();
        this.settledPromise = undefined;
        resolve();
      });
    });
    return this.settledPromise;
  }

  private refresh(): void {
    const next = nextState(this.state, this.client.getSnapshot(), this.app.store.hasTables());
    if (sameState(next, this.state)) return;
    this.state = next;
    if (next.synced) this.stopListening();
    for (const listener of [...this.listeners]) listener();
    if (next.synced) this.listeners.clear();
  }
}

/** Still waiting for rows: no local data, not synced, no failure, and able to fetch. */
export function isWaiting(state: FirstSyncState): boolean {
  return (
    !state.synced && !state.hasLocalData && state.error === null && state.fetchStatus !== 'paused'
  );
}

function nextState(
  previous: FirstSyncState,
  snapshot: SyncSnapshot,
  hasTables: boolean,
): FirstSyncState {
  const hasLocalData = previous.hasLocalData || hasTables;
  if (snapshot.lastSyncedAt !== null) {
    return {
      ...previous,
      synced: true,
      hasLocalData,
      fetchStatus: 'idle',
      error: null,
      failureCount: 0,
    };
  }
  const failed = snapshot.status === 'unauthorized' || snapshot.status === 'error';
  const newError = failed ? (snapshot.error ?? new Error(`sync ${snapshot.status}`)) : null;
  const isNewFailure = newError !== null && newError !== previous.error;
  return {
    ...previous,
    hasLocalData,
    fetchStatus: fetchStatusOf(snapshot),
    ...(isNewFailure
      ? {
          error: newError,
          errorUpdatedAt: Date.now(),
          failureCount: previous.failureCount + 1,
          errorUpdateCount: previous.errorUpdateCount + 1,
        }
      : {}),
  };
}

function fetchStatusOf(snapshot: SyncSnapshot): FetchStatus {
  switch (snapshot.status) {
    case 'offline':
      return 'paused';
    // Refused: nothing happens until a new token. Failed: idle until the client tries again.
    case 'unauthorized':
    case 'error':
      return 'idle';
    default:
      return 'fetching';
  }
}

function sameState(a: FirstSyncState, b: FirstSyncState): boolean {
  return (Object.keys(a) as (keyof FirstSyncState)[]).every((key) => a[key] === b[key]);
}

const trackers = new WeakMap<SyncClient, FirstSyncTracker>();

/** The one tracker of a session's sync client, created when a query first asks. */
export function firstSyncOf(app: TinySyncStore<AnySchema>, client: SyncClient): FirstSyncTracker {
  let tracker = trackers.get(client);
  if (tracker === undefined) {
    tracker = new FirstSyncTracker(app, client);
    trackers.set(client, tracker);
  }
  return tracker;
}
