import { MESSAGE, SERVER_CLIENT_ID } from '../protocol/wire-protocol.js';

/** Request ids of the client's own "what do you hold?" questions to the server. */
const CONFIRMATION_REQUEST_PREFIX = 'tinysync.confirm.';
export const CONFIRM_AFTER_CHANGE_MS = 150;
const CONFIRM_RETRY_MS = 500;

export interface ConfirmationLoopParts {
  /** Whether a synchronizer runs on the open socket, so the question can go now. */
  readonly canAsk: () => boolean;
  readonly send: (frame: string) => void;
  /** This replica's content hashes. */
  readonly localHashes: () => unknown;
  /** The server holds everything this replica holds. */
  readonly onAgreed: () => void;
  /** The server's hashes differ from ours; the loop asks again soon. */
  readonly onDisagreed: () => void;
}

/**
 * Confirms with the server that it holds this replica's changes: asks for its content hashes,
 * compares them with ours and, while they differ, asks again.
 */
export class ConfirmationLoop {
  readonly #parts: ConfirmationLoopParts;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #confirmationId = 0;

  constructor(parts: ConfirmationLoopParts) {
    this.#parts = parts;
  }

  /** Asks the server for its content hashes; equal to ours means it holds all our changes. */
  schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (!this.#parts.canAsk()) return;
      const request = [
        `${CONFIRMATION_REQUEST_PREFIX}${++this.#confirmationId}`,
        MESSAGE.getContentHashes,
        '',
      ];
      this.#parts.send(`${SERVER_CLIENT_ID}\n${JSON.stringify(request)}`);
    }, delayMs);
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }

  /** A frame from the server; returns whether it answered one of our questions. */
  received(frame: string): boolean {
    if (!frame.startsWith(`${SERVER_CLIENT_ID}\n["${CONFIRMATION_REQUEST_PREFIX}`)) return false;
    this.#handleConfirmation(frame.slice(2));
    return true;
  }

  #handleConfirmation(remainder: string): void {
    const [requestId, , serverHashes] = JSON.parse(remainder) as [string, number, unknown];
    if (requestId !== `${CONFIRMATION_REQUEST_PREFIX}${this.#confirmationId}`) return; // superseded
    const localHashes = this.#parts.localHashes();
    if (JSON.stringify(serverHashes) === JSON.stringify(localHashes)) {
      this.#parts.onAgreed();
      return;
    }
    this.#parts.onDisagreed();
    this.schedule(CONFIRM_RETRY_MS);
  }
}
