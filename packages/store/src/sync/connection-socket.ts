/** The WebSocket surface TinyBase's WsSynchronizer uses. */
export interface SocketLike {
  readonly readyState: number;
  readonly bufferedAmount?: number;
  send(data: string): unknown;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
}

const OPEN = 1;
const CLOSED = 3;

/**
 * One connection's view of a reconnecting socket, handed to that connection's TinyBase
 * synchronizer. A synchronizer closes its socket when destroyed and stops listening when the
 * socket closes, so each connection gets a fresh synchronizer and a fresh view; retiring the
 * view detaches the old synchronizer without closing the reconnecting socket under the new one.
 */
export class ConnectionSocket {
  readonly CONNECTING = 0;
  readonly OPEN = OPEN;
  readonly CLOSING = 2;
  readonly CLOSED = CLOSED;
  readonly #socket: SocketLike;
  readonly #listeners = new Set<[string, (event: never) => void]>();
  #retired = false;

  constructor(socket: SocketLike) {
    this.#socket = socket;
  }

  get readyState(): number {
    return this.#retired ? CLOSED : this.#socket.readyState;
  }

  get bufferedAmount(): number {
    return this.#socket.bufferedAmount ?? 0;
  }

  send(data: string): void {
    if (!this.#retired && this.#socket.readyState === OPEN) this.#socket.send(data);
  }

  /** Called by the synchronizer when it is destroyed: detach, leave the real socket alone. */
  close(): void {
    this.retire();
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
    for (const [type, listener] of this.#listeners)
      this.#socket.removeEventListener(type, listener);
    this.#listeners.clear();
  }
}
