/** The WebSocket surface TinyBase's WsSynchronizer uses. */
export interface SocketLike {
  readonly readyState: number;
  readonly bufferedAmount?: number;
  send(data: string): unknown;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
}

export interface ConnectionSocketOptions {
  /**
   * Called when the synchronizer gives this connection up with a reason (TinyBase closes its
   * socket with 1007 on a payload it cannot read): the connection is of no use any more.
   */
  readonly onGiveUp?: (code: number, reason: string) => void;
  /** Bytes the real socket may hold unsent before further sends wait in this view's queue. */
  readonly highWaterBytes?: number;
  /** How often a waiting queue checks whether the real socket has sent enough. */
  readonly drainIntervalMs?: number;
}

const OPEN = 1;
const CLOSED = 3;
/** Far under TinyBase's 16 MiB limit, so a synchronizer never sees its socket overflowing. */
const DEFAULT_HIGH_WATER_BYTES = 4 * 1024 * 1024;
const DEFAULT_DRAIN_INTERVAL_MS = 10;

/**
 * One connection's view of a reconnecting socket, handed to that connection's TinyBase
 * synchronizer. A synchronizer closes its socket when destroyed and stops listening when the
 * socket closes, so each connection gets a fresh synchronizer and a fresh view; retiring the
 * view detaches the old synchronizer without closing the reconnecting socket under the new one.
 *
 * It also paces sends. TinyBase writes a big message (the answer to the server's diff request
 * after many offline edits: 25 MB for 150k new rows) as all its fragments at once, and gives
 * the connection up (1013) when more than 16 MiB would be waiting in the socket. The view lets
 * the real socket hold a few MiB and queues the rest, in order, until the socket has sent it.
 */
export class ConnectionSocket {
  readonly CONNECTING = 0;
  readonly OPEN = OPEN;
  readonly CLOSING = 2;
  readonly CLOSED = CLOSED;
  readonly #socket: SocketLike;
  readonly #options: ConnectionSocketOptions;
  readonly #listeners = new Set<[string, (event: never) => void]>();
  readonly #waiting: string[] = [];
  #firstWaiting = 0;
  #drainTimer: ReturnType<typeof setTimeout> | undefined;
  #retired = false;

  constructor(socket: SocketLike, options: ConnectionSocketOptions = {}) {
    this.#socket = socket;
    this.#options = options;
  }

  get readyState(): number {
    return this.#retired ? CLOSED : this.#socket.readyState;
  }

  /** Only what the real socket holds: what waits here never counts against TinyBase's limit. */
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount ?? 0;
  }

  /** Frames accepted from the synchronizer that the real socket has not taken yet. */
  get waitingFrames(): number {
    return this.#waiting.length - this.#firstWaiting;
  }

  send(data: string): void {
    if (this.#retired || this.#socket.readyState !== OPEN) return;
    if (this.waitingFrames === 0 && this.#hasRoom()) {
      this.#socket.send(data);
      return;
    }
    this.#waiting.push(data);
    this.#scheduleDrain();
  }

  /**
   * Called by the synchronizer: without a code when it is destroyed (detach, leave the real
   * socket alone), with one when it gives the connection up.
   */
  close(code?: number, reason = ''): void {
    const givenUp = code !== undefined && !this.#retired;
    this.retire();
    if (givenUp) this.#options.onGiveUp?.(code, reason);
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    if (this.#retired) return;
    this.#listeners.add([type, listener]);
    this.#socket.addEventListener(type, listener);
  }

  removeEventListener(type: string, listener: (event: never) => void): void {
    for (const entry of this.#listeners) {
      if (entry[0] === type && entry[1] === listener) this.#listeners.delete(entry);
    }
    this.#socket.removeEventListener(type, listener);
  }

  retire(): void {
    this.#retired = true;
    this.#dropWaiting();
    for (const [type, listener] of this.#listeners)
      this.#socket.removeEventListener(type, listener);
    this.#listeners.clear();
  }

  #hasRoom(): boolean {
    return this.bufferedAmount < (this.#options.highWaterBytes ?? DEFAULT_HIGH_WATER_BYTES);
  }

  #scheduleDrain(): void {
    if (this.#drainTimer !== undefined) return;
    this.#drainTimer = setTimeout(() => {
      this.#drainTimer = undefined;
      this.#drain();
    }, this.#options.drainIntervalMs ?? DEFAULT_DRAIN_INTERVAL_MS);
  }

  #drain(): void {
    // A socket that closed took the connection with it; the next one resyncs from scratch.
    if (this.#retired || this.#socket.readyState !== OPEN) {
      this.#dropWaiting();
      return;
    }
    while (this.waitingFrames > 0 && this.#hasRoom()) {
      const frame = this.#waiting[this.#firstWaiting] as string;
      this.#waiting[this.#firstWaiting++] = '';
      this.#socket.send(frame);
    }
    if (this.waitingFrames > 0) this.#scheduleDrain();
    else this.#dropWaiting();
  }

  #dropWaiting(): void {
    clearTimeout(this.#drainTimer);
    this.#drainTimer = undefined;
    this.#waiting.length = 0;
    this.#firstWaiting = 0;
  }
}
