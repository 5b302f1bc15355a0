import { BROADCAST_CLIENT_ID, MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';
import { parseProtocolMessage } from '../sync/protocol-message.js';
import { send } from './sockets.js';

/**
 * Keeps a request the server's own synchronizer broadcast to nobody. Its first request (when
 * the object starts) loads from the clients, and TinyBase holds every change clients send
 * behind that load until it is answered or times out (30 s). An object started by an HTTP
 * call or an alarm has no client to answer it, so the first client to send a frame is asked.
 */
export class UnheardServerRequest {
  #request: string | undefined;

  /** Sees every message TinyBase routes (its `onMessage` hook). */
  observe(
    fromClientId: string,
    toClientId: string,
    remainder: string,
    hasClients: () => boolean,
  ): void {
    if (fromClientId !== SERVER_CLIENT_ID || toClientId !== BROADCAST_CLIENT_ID) return;
    if (hasClients()) return;
    const message = parseProtocolMessage(remainder);
    if (message?.[1] === MESSAGE.getContentHashes && message[0] !== null) {
      this.#request = remainder;
    }
  }

  /**
   * Asks `socket`, whose client has just sent a frame: its synchronizer is listening by then,
   * where a frame sent right after the upgrade can arrive before it is.
   */
  askClientOf(socket: WebSocket): void {
    if (this.#request === undefined) return;
    send(socket, `${SERVER_CLIENT_ID}\n${this.#request}`);
    this.#request = undefined;
  }
}
