import { FRAGMENT_BYTES } from '@tinysync/store/protocol';

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

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxFrameBytes: 1024 * 1024,
  maxMessageBytes: 32 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1000,
  maxConnectionsPerStore: 256,
  fragmentBytes: FRAGMENT_BYTES,
  requestTimeoutSeconds: 30,
  resyncIntervalMs: 15_000,
};

/** Environment variables that override a limit (positive integers). */
const LIMIT_VARIABLES = {
  maxFrameBytes: 'TINYSYNC_MAX_FRAME_BYTES',
  maxMessageBytes: 'TINYSYNC_MAX_MESSAGE_BYTES',
  messagesPerSecond: 'TINYSYNC_MESSAGES_PER_SECOND',
  messageBurst: 'TINYSYNC_MESSAGE_BURST',
  maxConnectionsPerStore: 'TINYSYNC_MAX_CONNECTIONS_PER_STORE',
  resyncIntervalMs: 'TINYSYNC_RESYNC_INTERVAL_MS',
} as const satisfies Partial<Record<keyof SyncLimits, string>>;

export type SyncLimitVariables = Partial<
  Record<(typeof LIMIT_VARIABLES)[keyof typeof LIMIT_VARIABLES], string>
>;

/**
 * The defaults, then the limits the Worker's code chose, then any the environment sets (so an
 * operator can tune a deployed Worker); a variable that is not a positive integer is ignored.
 */
export function syncLimitsFrom(
  env: SyncLimitVariables,
  chosen: Partial<SyncLimits> = {},
): SyncLimits {
  const limits: Record<string, number> = { ...DEFAULT_SYNC_LIMITS, ...definedOnly(chosen) };
  for (const [limit, variable] of Object.entries(LIMIT_VARIABLES)) {
    const value = Number(env[variable]);
    if (Number.isInteger(value) && value > 0) limits[limit] = value;
  }
  return limits as unknown as SyncLimits;
}

function definedOnly(limits: Partial<SyncLimits>): Partial<SyncLimits> {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}
