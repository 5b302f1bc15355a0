/**
 * Sending to and closing the Durable Object's hibernatable WebSockets, where a socket may be
 * closing at any moment: neither may throw into the loop that was serving several clients.
 */

/** Sends, unless the socket is closing (its close handler cleans up). */
export function send(socket: WebSocket, payload: string): void {
  try {
    socket.send(payload);
  } catch {
    // The socket is closing; its close handler cleans up.
  }
}

/** Sends each payload, in order, to every socket but `except`. */
export function sendToEach(
  sockets: readonly WebSocket[],
  payloads: readonly string[],
  except?: WebSocket,
): void {
  for (const socket of sockets) {
    if (socket !== except) for (const payload of payloads) send(socket, payload);
  }
}

export function close(socket: WebSocket, { code, reason }: { code: number; reason: string }): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closing: nothing left to tell it.
  }
}

/** Codes a peer reports but no endpoint may send (RFC 6455 §7.4.1). */
const RESERVED_CLOSE_CODES = new Set([1005, 1006, 1015]);

/**
 * Answers a client's close. The hibernation API leaves the close handshake to us: without a
 * Close frame back, a client that closed waits 30 s in CLOSING and then reports 1006 (abnormal
 * closure).
 */
export function answerClose(socket: WebSocket, code: number, reason: string): void {
  close(socket, { code: RESERVED_CLOSE_CODES.has(code) ? 1000 : code, reason });
}

/**
 * The object's state, with `getWebSockets` leaving out sockets that are already closing.
 * TinyBase's server sends to every socket the state lists, and a send to a closing socket
 * throws, which would cut its loop short and leave the remaining clients without the change.
 */
export function withOpenSocketsOnly<State extends DurableObjectState<object>>(ctx: State): State {
  return new Proxy(ctx, {
    get(target, property) {
      if (property === 'getWebSockets') {
        return (tag?: string) =>
          target.getWebSockets(tag).filter((socket) => socket.readyState === WebSocket.OPEN);
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
