import { WebSocket } from 'ws';

export interface SocketClose {
  readonly code: number;
  readonly reason: string;
}

/**
 * A WebSocket to the sync route that sends exactly the frames it is given, with no TinyBase
 * synchronizer behind it: what a modified or malicious client can put on the wire.
 */
export interface RawSocket {
  readonly socket: WebSocket;
  /** Frames the server sent, in order. */
  readonly received: string[];
  /** Settles when the connection closes, with the code and reason the server gave. */
  readonly closed: Promise<SocketClose>;
  send(frame: string | Uint8Array): void;
  close(): void;
}

/** Opens `/sync/:storeId` with the session token as a bearer header, as a Node client would. */
export async function openRawSocket(
  wsUrl: string,
  storeId: string,
  token: string,
): Promise<RawSocket> {
  const socket = new WebSocket(`${wsUrl}/sync/${storeId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const received: string[] = [];
  socket.on('message', (data) => received.push(String(data)));
  const closed = new Promise<SocketClose>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  // A send that races the server's close reports an error; the close itself is what matters.
  socket.on('error', () => undefined);
  return {
    socket,
    received,
    closed,
    send: (frame) => socket.send(frame, () => undefined),
    close: () => socket.close(),
  };
}
