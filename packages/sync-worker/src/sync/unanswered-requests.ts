/** What the server's synchronizer waits on from one client. */
interface ClientRequests {
  readonly userId: string | undefined;
  /** Request id → when TinyBase gives up on it (ms since epoch). */
  readonly unanswered: Map<string, number>;
  /** Requests an answer from the client was already taken for, on its way to TinyBase. */
  readonly claimed: Set<string>;
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
      this.#clients.set(clientId, { userId, unanswered: new Map(), claimed: new Set() });
    return true;
  }

  /** The server copy sent `clientId` a request; `userId` when the client was not seen before. */
  sent(clientId: string, requestId: string, userId: string | undefined, now = Date.now()): void {
    let client = this.#clients.get(clientId);
    if (client === undefined) {
      client = { userId, unanswered: new Map(), claimed: new Set() };
      this.#clients.set(clientId, client);
    }
    client.unanswered.set(requestId, now + this.#bounds.timeoutMs);
  }

  /**
   * Takes an answer of `clientId` to `requestId` on its way to the server copy: true when the
   * server waits on that request from that client and no earlier answer was taken for it. Any
   * other answer TinyBase would ignore, so nothing may count on what it carries.
   */
  claim(clientId: string, requestId: string, now = Date.now()): boolean {
    this.#forgetExpired(now);
    const client = this.#clients.get(clientId);
    if (client === undefined || !client.unanswered.has(requestId)) return false;
    if (client.claimed.has(requestId)) return false;
    client.claimed.add(requestId);
    return true;
  }

  /** The server copy took `clientId`'s answer to `requestId`. */
  answered(clientId: string, requestId: string): void {
    const client = this.#clients.get(clientId);
    client?.unanswered.delete(requestId);
    client?.claimed.delete(requestId);
  }

  /** Requests the server waits on from `clientId`. */
  waitingOn(clientId: string, now = Date.now()): number {
    this.#forgetExpired(now);
    return this.#clients.get(clientId)?.unanswered.size ?? 0;
  }

  #forgetExpired(now: number): void {
    for (const [clientId, client] of this.#clients) {
      for (const [requestId, expiresAt] of client.unanswered) {
        if (expiresAt > now) continue;
        client.unanswered.delete(requestId);
        client.claimed.delete(requestId);
      }
      if (client.unanswered.size === 0) this.#clients.delete(clientId);
    }
  }
}
