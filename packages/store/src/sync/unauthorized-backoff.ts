import type { SyncContext } from './sync-context.js';

const MAX_UNAUTHORIZED_RETRY_MS = 10 * 60_000;

export interface UnauthorizedBackoffParts {
  readonly context: Pick<SyncContext, 'getToken' | 'options'>;
  /** The token the refused session opened with. */
  readonly refusedToken: () => string | null;
  /** A token different from the refused one is there. */
  readonly onNewToken: () => void;
}

/**
 * While the session is refused, tries again only with a token different from the refused one,
 * and less often each time it is refused again (a new token for the wrong organization is
 * refused too), so a refused session never hammers the server.
 */
export class UnauthorizedBackoff {
  readonly #parts: UnauthorizedBackoffParts;
  #refusals = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(parts: UnauthorizedBackoffParts) {
    this.#parts = parts;
  }

  /** The session was refused: waits for a new token. */
  wait(): void {
    const { context, refusedToken, onNewToken } = this.#parts;
    const { getToken } = context;
    clearTimeout(this.#timer);
    const delayMs = (context.options.unauthorizedRetryMs ?? 30_000) * 2 ** this.#refusals++;
    const waitForNewToken = () => {
      this.#timer = setTimeout(
        async () => {
          const token = await Promise.resolve(getToken()).catch(() => null);
          if (token && token !== refusedToken()) onNewToken();
          else waitForNewToken();
        },
        Math.min(delayMs, MAX_UNAUTHORIZED_RETRY_MS),
      );
    };
    waitForNewToken();
  }

  /** The server confirmed: the next refusal waits as little as the first. */
  reset(): void {
    this.#refusals = 0;
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }
}
