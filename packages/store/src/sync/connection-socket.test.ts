import { describe, expect, it, vi } from 'vitest';
import { ConnectionSocket, type SocketLike } from './connection-socket.ts';

function fakeSocket() {
  const target = new EventTarget();
  const socket = {
    readyState: 1,
    send: vi.fn(),
    close: vi.fn(),
    addEventListener: (type: string, listener: (event: never) => void) =>
      target.addEventListener(type, listener as EventListener),
    removeEventListener: (type: string, listener: (event: never) => void) =>
      target.removeEventListener(type, listener as EventListener),
    emit: (type: string) => target.dispatchEvent(new Event(type)),
  };
  return socket satisfies SocketLike;
}

describe('ConnectionSocket', () => {
  it('forwards sends and events while current', () => {
    const socket = fakeSocket();
    const view = new ConnectionSocket(socket);
    const onMessage = vi.fn();
    view.addEventListener('message', onMessage);
    view.send('hello');
    socket.emit('message');
    expect(socket.send).toHaveBeenCalledWith('hello');
    expect(onMessage).toHaveBeenCalledTimes(1);
    expect(view.readyState).toBe(1);
  });

  it('detaches on close without closing the real socket, so a new connection is unaffected', () => {
    const socket = fakeSocket();
    const old = new ConnectionSocket(socket);
    const oldListener = vi.fn();
    old.addEventListener('message', oldListener);
    old.close();
    expect(socket.close).not.toHaveBeenCalled();
    expect(old.readyState).toBe(3);
    old.send('stale');
    expect(socket.send).not.toHaveBeenCalled();

    const current = new ConnectionSocket(socket);
    const newListener = vi.fn();
    current.addEventListener('message', newListener);
    socket.emit('message');
    expect(oldListener).not.toHaveBeenCalled();
    expect(newListener).toHaveBeenCalledTimes(1);
  });

  it('does not send while the real socket is not open', () => {
    const socket = fakeSocket();
    socket.readyState = 0;
    new ConnectionSocket(socket).send('early');
    expect(socket.send).not.toHaveBeenCalled();
  });
});
