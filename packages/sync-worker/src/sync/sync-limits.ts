import { FRAGMENT_BYTES, REQUEST_TIMEOUT_SECONDS } from '@tinysync/store/protocol';

/** Limits that keep one client from hurting a store or its other clients. */
export interface SyncLimits {
  /** Largest single WebSocket frame accepted, in bytes. */
  readonly maxFrameBytes: number;
  /** Largest message reassembled from fragments, in bytes (a big initial upload is fragmented). */
  readonly maxMessageBytes: number;
  /** Sustained messages per second per connection, and the burst allowed above it. */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Connections one store accepts at once. */
  readonly maxConnectionsPerStore: number;
  /**
   * Connections one user may hold to one store at once (tabs, devices), so that one user
   * cannot take every place in the store.
   */
  readonly maxConnectionsPerUser: number;
  /** Size of the fragments the server sends and relays big messages in. */
  readonly fragmentBytes: number;
  /** How long a synchronizer waits for a response; TinyBase's 1 s default loses big syncs. */
  readonly requestTimeoutSeconds: number;
  /**
   * How often the server re-announces its content hashes to connected clients. A TinyBase
   * client whose request timed out (a big initial sync on a busy server) never asks again by
   * itself; the announcement makes it notice the difference and pull it.
   */
  readonly resyncIntervalMs: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = Object.freeze({
  maxFrameBytes: 1024 * 1024,
  maxMessageBytes: 32 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1000,
  maxConnectionsPerStore: 256,
  maxConnectionsPerUser: 16,
  fragmentBytes: FRAGMENT_BYTES,
  requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS,
  resyncIntervalMs: 15_000,
});

/** Environment variables that override a limit (positive integers). */
const LIMIT_VARIABLES = {
  maxFrameBytes: 'TINYSYNC_MAX_FRAME_BYTES',
  maxMessageBytes: 'TINYSYNC_MAX_MESSAGE_BYTES',
  messagesPerSecond: 'TINYSYNC_MESSAGES_PER_SECOND',
  messageBurst: 'TINYSYNC_MESSAGE_BURST',
  maxConnectionsPerStore: 'TINYSYNC_MAX_CONNECTIONS_PER_STORE',
  maxConnectionsPerUser: 'TINYSYNC_MAX_CONNECTIONS_PER_USER',
  resyncIntervalMs: 'TINYSYNC_RESYNC_INTERVAL_MS',
} as const satisfies Partial<Record<keyof SyncLimits, string>>;

export type SyncLimitVariables = Partial<
  Record<(typeof LIMIT_VARIABLES)[keyof typeof LIMIT_VARIABLES], string>
>;

/** The limits an app may choose (`createSyncWorker({ limits })`) or an operator set in env. */
export type TunableSyncLimits = Pick<SyncLimits, keyof typeof LIMIT_VARIABLES>;

/**
 * The smallest frame limit that still takes the fragments every client sends (the fragment
 * and TinyBase's short header around it): a lower one would close every big upload, forever.
 */
export const MIN_FRAME_BYTES = FRAGMENT_BYTES + 1024;

/** Why `value` cannot be `limit`, or undefined when it can. */
function limitProblem(limit: keyof TunableSyncLimits, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    return 'a positive integer';
  }
  if (limit === 'maxFrameBytes' && value < MIN_FRAME_BYTES) return `at least ${MIN_FRAME_BYTES}`;
  return undefined;
}

/**
 * The limits a worker file chose, checked when it loads.
 *
 * @throws TypeError for a limit that is unknown, not a positive integer, a frame limit under
 * `MIN_FRAME_BYTES`, or a message limit under the frame limit.
 */
export function checkChosenLimits(chosen: Partial<TunableSyncLimits>): Partial<TunableSyncLimits> {
  for (const [limit, value] of Object.entries(chosen)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(LIMIT_VARIABLES, limit)) {
      throw new TypeError(`createSyncWorker: unknown limit '${limit}'`);
    }
    const problem = limitProblem(limit as keyof TunableSyncLimits, value);
    if (problem) throw new TypeError(`createSyncWorker: limits.${limit} must be ${problem}`);
  }
  const frame = chosen.maxFrameBytes ?? DEFAULT_SYNC_LIMITS.maxFrameBytes;
  const message = chosen.maxMessageBytes ?? DEFAULT_SYNC_LIMITS.maxMessageBytes;
  if (message < frame) {
    throw new TypeError('createSyncWorker: limits.maxMessageBytes must be at least maxFrameBytes');
  }
  return chosen;
}

/**
 * The defaults, then the limits the Worker's code chose, then any the environment sets (so an
 * operator can tune a deployed Worker). A variable that is not a valid limit is ignored, and a
 * message limit is never under the frame limit.
 */
export function syncLimitsFrom(
  env: SyncLimitVariables,
  chosen: Partial<TunableSyncLimits> = {},
): SyncLimits {
  const limits: Record<string, number> = { ...DEFAULT_SYNC_LIMITS };
  for (const [limit, value] of Object.entries(chosen))
    if (value !== undefined) limits[limit] = value;
  for (const [limit, variable] of Object.entries(LIMIT_VARIABLES)) {
    const value = Number(env[variable]);
    if (limitProblem(limit as keyof TunableSyncLimits, value) === undefined) limits[limit] = value;
  }
  const checked = limits as unknown as SyncLimits;
  return { ...checked, maxMessageBytes: Math.max(checked.maxMessageBytes, checked.maxFrameBytes) };
}
