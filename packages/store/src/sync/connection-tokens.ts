import { AUTH_PROTOCOL_PREFIX, SYNC_PROTOCOL } from '../protocol/wire-protocol.js';
import { asError } from './as-error.js';
import type { GetToken } from './token-refresher.js';

/**
 * The token each connection attempt opens with, asked of `getToken` for every attempt and sent
 * as a WebSocket subprotocol; remembered, with why asking failed, for the parts that look.
 */
export class ConnectionTokens {
  readonly #getToken: GetToken;
  readonly #onError: (error: Error) => void;
  #last: string | null = null;
  #error: Error | null = null;
  /** The token the snapshot was fetched with, used for the connection right after it. */
  #snapshotToken: string | undefined;

  constructor(getToken: GetToken, onError: (error: Error) => void) {
    this.#getToken = getToken;
    this.#onError = onError;
  }

  /** The token the last attempt opened with. */
  get last(): string | null {
    return this.#last;
  }

  /** Why `getToken` failed on the last attempt; null if it did not. */
  get error(): Error | null {
    return this.#error;
  }

  keepForNextConnection(snapshotToken: string): void {
    this.#snapshotToken = snapshotToken;
  }

  /** The subprotocols of a connection attempt (partysocket asks before each). */
  readonly protocols = async (): Promise<string[]> => {
    const getToken = this.#getToken;
    try {
      const token = this.#snapshotToken ?? (await getToken()) ?? null;
      this.#snapshotToken = undefined;
      this.#error = null;
      this.#last = token;
      return token ? [SYNC_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${token}`] : [SYNC_PROTOCOL];
    } catch (error) {
      this.#error = asError(error);
      this.#onError(this.#error);
      return [SYNC_PROTOCOL];
    }
  };
}
