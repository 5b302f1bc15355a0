import { BROADCAST_CLIENT_ID, MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';
import type { ConnectionInfo } from '../sync/connection-info.js';
import { readCompactMessageHead, readMessageHead } from '../sync/message-head.js';
import { RateLimiter } from '../sync/rate-limiter.js';
import type { SyncLimits } from '../sync/sync-limits.js';
import { UnansweredRequests } from '../sync/unanswered-requests.js';

/**
 * Diff requests (tables, rows, cells, values) one connection may make per second, and the
 * burst above that. Each may ask for the whole store (a request naming no hashes gets every
 * table), which the server then walks and serialises. A pull is at most four of them, and a
 * client in step with the server pulls only when told of a change it missed.
 */
export const DIFF_REQUESTS_PER_SECOND = 2;
export const DIFF_REQUEST_BURST = 16;

/**
 * The longest request id a client's hashes may carry to start a pull. TinyBase's own are 11
 * characters; the server's requests of the pull reuse it, and the guard reads them from their
 * first fragment, which a longer id could push past.
 */
export const MAX_PULL_REQUEST_ID_CHARS = 64;

/** A pull asks one request at a time: one waiting request per connection is one pull. */
const PULLS_PER_CONNECTION = 1;

const DIFF_REQUESTS: ReadonlySet<number> = new Set([
  MESSAGE.getTableDiff,
  MESSAGE.getRowDiff,
  MESSAGE.getCellDiff,
  MESSAGE.getValueDiff,
]);
const SERVER_REQUESTS: ReadonlySet<number> = new Set([MESSAGE.getContentHashes, ...DIFF_REQUESTS]);

export interface RequestGuardOptions {
  readonly limits: Pick<SyncLimits, 'requestTimeoutSeconds' | 'maxConnectionsPerUser'>;
  /** The object's sockets (open ones only) and their tags (the first is the client id). */
  readonly sockets: Pick<DurableObjectState, 'getWebSockets' | 'getTags'>;
  /** The store's id, for the logs. */
  readonly storeId: () => string | undefined;
}

/**
 * Keeps one connection's requests from costing the store's other clients: diff requests are
 * rate-limited per connection (whole-store answers are expensive), and hashes that would make
 * the server pull from a client are ignored while that client, or its user, already has the
 * server waiting on unanswered requests (unanswered-requests.ts). Sees each whole message just
 * before TinyBase's server copy takes it, where what the server waits on is exact.
 */
export class RequestGuard {
  readonly #options: RequestGuardOptions;
  readonly #unanswered: UnansweredRequests;
  readonly #diffLimiters = new WeakMap<WebSocket, RateLimiter>();
  /** Sockets already logged for a refusal of each kind: a flood logs once. */
  readonly #reported = new WeakMap<WebSocket, Set<string>>();

  constructor(options: RequestGuardOptions) {
    this.#options = options;
    const { limits } = options;
    this.#unanswered = new UnansweredRequests({
      // A little longer than TinyBase waits: counting a request too long is the safe side.
      timeoutMs: limits.requestTimeoutSeconds * 1000 + 1000,
      perConnection: PULLS_PER_CONNECTION,
      perUser: limits.maxConnectionsPerUser * PULLS_PER_CONNECTION,
    });
  }

  /** Whether TinyBase's server copy may take `payload` (`S\n<message>`) from `socket`. */
  admit(socket: WebSocket, payload: string): boolean {
    const head = readMessageHead(payload.slice(payload.indexOf('\n') + 1));
    if (head === undefined) return true; // Not a message: TinyBase refuses it itself.
    if (DIFF_REQUESTS.has(head.type)) return this.#mayAsk(socket);
    if (head.type === MESSAGE.contentHashes) return this.#mayBePulled(socket, head.requestId);
    return true;
  }

  /**
   * Whether an answer `socket` sent to `requestId` is one the server waits on (and the first for
   * it): TinyBase ignores any other, so its rows must not be counted on, nor passed on.
   */
  claimAnswer(socket: WebSocket, requestId: string | null): boolean {
    const clientId = this.#options.sockets.getTags(socket)[0];
    const claimed =
      clientId !== undefined && requestId !== null && this.#unanswered.claim(clientId, requestId);
    if (!claimed) this.#report(socket, 'unrequested_answer_ignored');
    return claimed;
  }

  /** Sees every message TinyBase routes (its `onMessage` hook), to and from its server copy. */
  observe(fromClientId: string, toClientId: string, remainder: string): void {
    if (fromClientId === SERVER_CLIENT_ID) {
      if (toClientId === BROADCAST_CLIENT_ID || toClientId === SERVER_CLIENT_ID) return;
      const head = readCompactMessageHead(remainder);
      if (head?.requestId != null && SERVER_REQUESTS.has(head.type)) {
        this.#unanswered.sent(toClientId, head.requestId, this.#userOfClient(toClientId));
      }
    } else if (toClientId === SERVER_CLIENT_ID) {
      // Only once TinyBase took it (it validated the answer and settled its request). An answer
      // written other than compactly is not recognised: it counts until it times out.
      const head = readCompactMessageHead(remainder);
      if (head?.requestId != null && head.type === MESSAGE.response) {
        this.#unanswered.answered(fromClientId, head.requestId);
      }
    }
  }

  #mayAsk(socket: WebSocket): boolean {
    let limiter = this.#diffLimiters.get(socket);
    if (limiter === undefined) {
      limiter = new RateLimiter(DIFF_REQUESTS_PER_SECOND, DIFF_REQUEST_BURST);
      this.#diffLimiters.set(socket, limiter);
    }
    if (limiter.tryTake()) return true;
    this.#report(socket, 'diff_requests_ignored');
    return false;
  }

  #mayBePulled(socket: WebSocket, requestId: string | null): boolean {
    const clientId = this.#options.sockets.getTags(socket)[0];
    const userId = userOf(socket);
    const admitted =
      clientId !== undefined &&
      userId !== undefined &&
      (requestId === null || requestId.length <= MAX_PULL_REQUEST_ID_CHARS) &&
      this.#unanswered.mayStartPull(clientId, userId);
    if (!admitted) this.#report(socket, 'content_hashes_ignored');
    return admitted;
  }

  #userOfClient(clientId: string): string | undefined {
    const socket = this.#options.sockets.getWebSockets(clientId)[0];
    return socket === undefined ? undefined : userOf(socket);
  }

  #report(socket: WebSocket, event: string): void {
    const reported = this.#reported.get(socket) ?? new Set<string>();
    this.#reported.set(socket, reported);
    if (reported.has(event)) return;
    reported.add(event);
    console.warn(
      JSON.stringify({
        level: 'warn',
        event,
        store: this.#options.storeId(),
        userId: userOf(socket),
      }),
    );
  }
}

function userOf(socket: WebSocket): string | undefined {
  return (socket.deserializeAttachment() as ConnectionInfo | null)?.userId;
}
