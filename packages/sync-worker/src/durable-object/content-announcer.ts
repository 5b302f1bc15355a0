import { MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';
import { sendToEach } from './sockets.js';

/** Coalesces the announcements of a burst of changes into one. */
const ANNOUNCE_DELAY_MS = 20;

export interface ContentAnnouncerOptions {
  /** The server copy's content hashes; undefined before the copy exists. */
  readonly contentHashes: () => unknown;
  /** The connected clients. */
  readonly sockets: () => readonly WebSocket[];
}

/**
 * Tells every client the server's content hashes after its copy changed. TinyBase's server
 * copy does not re-broadcast changes it pulled from a client (e.g. offline edits sent on
 * reconnect); clients only talk to the server here, so this is how the others learn of them:
 * a client whose hashes differ pulls the difference from the server.
 *
 * A change a client pushed was relayed to every other client before the server copy applied
 * it, so it is not announced: under steady writes each announcement would find most clients'
 * hashes different (other changes still in flight) and make every one of them pull, three
 * round trips each, multiplying the server's work per write by the number of clients. A
 * change TinyBase applies later than the delivery (behind a load or a save) is announced:
 * announcing too often costs time, too seldom would leave a client behind until the resync.
 */
export class ContentAnnouncer {
  readonly #options: ContentAnnouncerOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** True while the server copy applies a change every other client was already sent. */
  #applyingRelayedChange = false;

  constructor(options: ContentAnnouncerOptions) {
    this.#options = options;
  }

  /** The server copy finished a transaction that changed its tables. */
  changed(): void {
    if (!this.#applyingRelayedChange) this.announce();
  }

  /** Runs `apply`, which hands the server copy a change every other client was already sent. */
  applyRelayed(apply: () => void): void {
    this.#applyingRelayedChange = true;
    try {
      apply();
    } finally {
      this.#applyingRelayedChange = false;
    }
  }

  /** Announces the hashes shortly, once for a burst of calls. */
  announce(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const hashes = this.#options.contentHashes();
      if (hashes === undefined) return;
      const payload = `${SERVER_CLIENT_ID}\n${JSON.stringify([null, MESSAGE.contentHashes, hashes])}`;
      sendToEach(this.#options.sockets(), [payload]);
    }, ANNOUNCE_DELAY_MS);
  }
}
