import type { AnySchema, Role } from '@tinysync/store';
import type { SessionClaims } from '../auth/session-claims.js';
import { type StoreAccess, writableTableIds } from '../auth/store-access.js';
import type { WriteAccess } from './cell-policy.js';

/**
 * What the Worker learned when it authenticated a WebSocket, handed to the Durable Object in
 * the `X-TinySync-Connection` header and kept as the socket's attachment, so it survives the
 * object hibernating while the socket stays open.
 */
export interface ConnectionInfo extends WriteAccess {
  readonly userId: string;
  readonly role: Role;
  /**
   * When the session token expires (ms since epoch); the socket is closed then, unless the client
   * sent a fresh token before (token-refresh.ts), which moves it.
   */
  readonly expiresAt: number;
  /** The subprotocol to echo back (`tinysync`), when the client offered it. */
  readonly protocol?: string;
}

export const CONNECTION_HEADER = 'X-TinySync-Connection';

/**
 * What a verified session may do on a connection to a store: what the Worker hands the Durable
 * Object for an upgrade, and what a refreshed token makes of a connection.
 */
export function connectionInfoFrom(
  schema: AnySchema,
  storeAccess: StoreAccess,
  session: Pick<SessionClaims, 'expiresAt'>,
  protocol?: string,
): ConnectionInfo {
  return {
    userId: storeAccess.userId,
    role: storeAccess.role,
    readOnly: storeAccess.readOnly,
    writableTables: storeAccess.readOnly ? [] : writableTableIds(schema, storeAccess.role),
    expiresAt: session.expiresAt,
    ...(protocol === undefined ? {} : { protocol }),
  };
}

export function parseConnectionInfo(header: string | null): ConnectionInfo | undefined {
  if (header === null) return undefined;
  try {
    const info = JSON.parse(header) as ConnectionInfo;
    return typeof info.userId === 'string' && typeof info.expiresAt === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}
