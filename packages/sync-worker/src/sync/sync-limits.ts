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
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxFrameBytes: 1024 * 1024,
  maxMessageBytes: 32 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1000,
  maxConnectionsPerStore: 256,
  fragmentBytes: 256 * 1024,
  requestTimeoutSeconds: 30,
};
