import type { Role } from '@tinysync/store';
import type { WriteAccess } from './cell-policy.js';

/**
 * What the Worker learned when it authenticated a WebSocket, handed to the Durable Object in
 * the `X-TinySync-Connection` header and kept as the socket's attachment, so it survives the
 * object hibernating while the socket stays open.
 */
export interface ConnectionInfo extends WriteAccess {
  readonly userId: string;
  readonly role: Role;
  /** When the session token expires (ms since epoch); the socket is closed then. */
  readonly expiresAt: number;
  /** The subprotocol to echo back (`tinysync`), when the client offered it. */
  readonly protocol?: string;
}

export const CONNECTION_HEADER = 'X-TinySync-Connection';

export function parseConnectionInfo(header: string | null): ConnectionInfo | undefined {
  if (header === null) return undefined;
  try {
    const info = JSON.parse(header) as ConnectionInfo;
    return typeof info.userId === 'string' && typeof info.expiresAt === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}
