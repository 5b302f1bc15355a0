/** What the server's synchronizer waits on from one client. */
interface ClientRequests {
  readonly userId: string | undefined;
  /** Request id → when TinyBase gives up on it (ms since epoch). */
  readonly unanswered: Map<string, number>;
}

export interface UnansweredRequestBounds {
  /** How long TinyBase waits for an answer before it drops the request (ms). */
  readonly timeoutMs: number;
  /** Pulls one connection may have the server wait on at once. */
  readonly perConnection: number;
  /** Pulls one user's connections, open or just closed, may have it wait on at once. */
  readonly perUser: number;
}

/**
 * The requests TinyBase's server copy sent clients and still waits on, per client. TinyBase
 * keeps at most 100 waiting requests for everyone: once full, it cannot pull any client's
 * changes (a client's offline edits reach the server only by the server pulling them after
 * the client announces its hashes). A client that announces hashes the server cannot match and
 * never answers holds one request per announcement for the request timeout (30 s). Bounding
 * them per connection and per user keeps that client from using up everyone's room.
 *
 * A request counts until it is answered or TinyBase times it out, even after its socket has
 * closed, so reconnecting does not free an attacker's room early.
 */
export class UnansweredRequests {
  readonly #bounds: UnansweredRequestBounds;
  readonly #clients = new Map<string, ClientRequests>();

  constructor(bounds: UnansweredRequestBounds) {
    this.#bounds = bounds;
  }

  /**
   * Whether the server may start pulling from `clientId` (it announced its hashes). A pull asks
   * one request at a time, so one waiting request is one pull; a connection whose pull is still
   * waiting gains nothing from another (the pull under way reads its current content).
   */
  mayStartPull(clientId: string, userId: string, now = Date.now()): boolean {
    this.#forgetExpired(now);
    if ((this.#clients.get(clientId)?.unanswered.size ?? 0) >= this.#bounds.perConnection) {
      return false;
    }
    let usersWaiting = 0;
    for (const client of this.#clients.values()) {
      if (client.userId === userId) usersWaiting += client.unanswered.size;
    }
    if (usersWaiting >= this.#bounds.perUser) return false;
    if (!this.#clients.has(clientId))
      this.#clients.set(clientId, { userId, unanswered: new Map() });
    return true;
  }

  /** The server copy sent `clientId` a request; `userId` when the client was not seen before. */
  sent(clientId: string, requestId: string, userId: string | undefined, now = Date.now()): void {
    let client = this.#clients.get(clientId);
    if (client === undefined) {
      client = { userId, unanswered: new Map() };
      this.#clients.set(clientId, client);
    }
    client.unanswered.set(requestId, now + this.#bounds.timeoutMs);
  }

  /** The server copy took `clientId`'s answer to `requestId`. */
  answered(clientId: string, requestId: string): void {
    this.#clients.get(clientId)?.unanswered.delete(requestId);
  }

  /** Requests the server waits on from `clientId`. */
  waitingOn(clientId: string, now = Date.now()): number {
    this.#forgetExpired(now);
    return this.#clients.get(clientId)?.unanswered.size ?? 0;
  }

  #forgetExpired(now: number): void {
    for (const [clientId, client] of this.#clients) {
      for (const [requestId, expiresAt] of client.unanswered) {
        if (expiresAt <= now) client.unanswered.delete(requestId);
      }
      if (client.unanswered.size === 0) this.#clients.delete(clientId);
    }
  }
}
