import { type TokenAccepted, tokenRefreshFrame } from '../protocol/wire-protocol.js';
import { refreshDelayMs, type TokenTimes, tokenTimes } from './token-lifetime.js';

/**
 * What the sync client asks `getToken` for. `skipCache: true` (the option Clerk's `getToken`
 * takes) when the token in use is about to expire: a cached token would expire just as soon.
 */
export interface TokenRequest {
  readonly skipCache?: boolean;
}

export type GetToken = (
  request?: TokenRequest,
) => Promise<string | null | undefined> | string | null | undefined;

export interface TokenRefresherOptions {
  readonly getToken: GetToken;
  /** Sends a frame on the open connection; false when there is none. */
  readonly send: (frame: string) => boolean;
}

/**
 * After a refresh that was not accepted (no token, no newer one, no answer), how long until the
 * next try. The server closes the socket when the token in force expires, and the client then
 * reconnects as it always did, so trying again is only ever worth a few attempts.
 */
export const REFRESH_RETRY_MS = 2_000;

/**
 * Keeps one connection's session token fresh in band: shortly before the token the server holds
 * expires, asks `getToken` for a fresh one and sends it over the open socket
 * (`tokenRefreshFrame`); the server's answer (`accepted`) schedules the next. The socket stays
 * open across token lifetimes, so the status never passes through `connecting` for a refresh.
 */
export class TokenRefresher {
  readonly #options: TokenRefresherOptions;
  /** Changes when a connection starts or stops: a `getToken` that resolves later is dropped. */
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The token the server holds for this connection; undefined: nothing to refresh. */
  #current: TokenTimes | undefined;
  /** The token sent last, kept until the server's answer says it is in force. */
  #sent: TokenTimes | undefined;

  constructor(options: TokenRefresherOptions) {
    this.#options = options;
  }

  /** A connection opened with `token`: its refresh is due before it expires (never without `exp`). */
  connected(token: string | null | undefined): void {
    this.stop();
    this.#current = tokenTimes(token);
    if (this.#current !== undefined) this.#schedule(refreshDelayMs(this.#current, Date.now()));
  }

  /**
   * The server accepted a refresh: the next is due before the new expiry. An answer that does not
   * extend the connection (the server kept its token) leaves the retry in place.
   */
  accepted(answer: TokenAccepted): void {
    if (this.#current === undefined || answer.expiresAt <= this.#current.expiresAt) return;
    const sent = this.#sent;
    this.#sent = undefined;
    this.#current = sent?.expiresAt === answer.expiresAt ? sent : { expiresAt: answer.expiresAt };
    this.#schedule(refreshDelayMs(this.#current, Date.now()));
  }

  /** The connection closed: nothing more is sent on it. */
  stop(): void {
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#current = undefined;
    this.#sent = undefined;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    const generation = this.#generation;
    this.#timer = setTimeout(() => void this.#refresh(generation), delayMs);
  }

  async #refresh(generation: number): Promise<void> {
    const token = await Promise.resolve()
      .then(() => this.#options.getToken({ skipCache: true }))
      .catch(() => undefined);
    if (generation !== this.#generation || this.#current === undefined) return;
    // Until the answer comes, or when there is nothing newer to send: try again a little later.
    this.#schedule(REFRESH_RETRY_MS);
    const fresh = tokenTimes(token);
    if (!token || fresh === undefined || fresh.expiresAt <= this.#current.expiresAt) return;
    if (this.#options.send(tokenRefreshFrame(token))) this.#sent = fresh;
  }
}
