import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionSocket, type SocketLike } from './connection-socket.js';

function fakeSocket() {
  const target = new EventTarget();
  const socket = {
    readyState: 1,
    bufferedAmount: 0,
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

  it('hands the synchronizer up when it gives the connection up with a reason, not when destroyed', () => {
    const onGiveUp = vi.fn();
    const destroyed = new ConnectionSocket(fakeSocket(), { onGiveUp });
    destroyed.close();
    expect(onGiveUp).not.toHaveBeenCalled();

    const socket = fakeSocket();
    const givenUp = new ConnectionSocket(socket, { onGiveUp });
    givenUp.close(1007, 'bad payload');
    givenUp.close(1007, 'again');
    expect(onGiveUp).toHaveBeenCalledTimes(1);
    expect(onGiveUp).toHaveBeenCalledWith(1007, 'bad payload');
    expect(socket.close).not.toHaveBeenCalled();
  });
});

describe('ConnectionSocket pacing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const highWaterBytes = 100;
  const drainIntervalMs = 10;

  it('holds frames back while the real socket is full and sends them in order as it empties', () => {
    const socket = fakeSocket();
    socket.send.mockImplementation((data: string) => {
      socket.bufferedAmount += data.length;
    });
    const view = new ConnectionSocket(socket, { highWaterBytes, drainIntervalMs });
    const frames = Array.from({ length: 10 }, (_, index) => `${index}`.padEnd(60, '.'));
    for (const frame of frames) view.send(frame);
    // 0 fits; 1 still fits (60 < 100 before it); then the socket holds 120 bytes.
    expect(socket.send).toHaveBeenCalledTimes(2);
    expect(view.waitingFrames).toBe(8);
    expect(view.bufferedAmount).toBe(120);

    vi.advanceTimersByTime(drainIntervalMs * 3);
    expect(socket.send).toHaveBeenCalledTimes(2); // nothing went out: nothing more is sent

    socket.bufferedAmount = 0; // the socket sent what it held
    vi.advanceTimersByTime(drainIntervalMs);
    expect(socket.send).toHaveBeenCalledTimes(4);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(drainIntervalMs);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(drainIntervalMs);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(drainIntervalMs);
    expect(view.waitingFrames).toBe(0);
    expect(socket.send.mock.calls.map(([frame]) => frame)).toEqual(frames);

    // A frame sent after the queue emptied goes straight out again.
    socket.bufferedAmount = 0;
    view.send('late');
    expect(socket.send).toHaveBeenLastCalledWith('late');
  });

  it('keeps a later frame behind the ones already waiting, even when the socket has room', () => {
    const socket = fakeSocket();
    const view = new ConnectionSocket(socket, { highWaterBytes, drainIntervalMs });
    socket.bufferedAmount = 500;
    view.send('first');
    socket.bufferedAmount = 0;
    view.send('second');
    expect(socket.send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(drainIntervalMs);
    expect(socket.send.mock.calls.map(([frame]) => frame)).toEqual(['first', 'second']);
  });

  it('drops what waits when the socket closes or the view retires: a new connection resyncs', () => {
    const closing = fakeSocket();
    closing.bufferedAmount = 500;
    const closed = new ConnectionSocket(closing, { highWaterBytes, drainIntervalMs });
    closed.send('never');
    closing.readyState = 3;
    closing.bufferedAmount = 0;
    vi.advanceTimersByTime(drainIntervalMs);
    expect(closed.waitingFrames).toBe(0);

    const reused = fakeSocket();
    reused.bufferedAmount = 500;
    const retired = new ConnectionSocket(reused, { highWaterBytes, drainIntervalMs });
    retired.send('stale');
    retired.retire();
    reused.bufferedAmount = 0;
    vi.advanceTimersByTime(drainIntervalMs * 5);
    expect(retired.waitingFrames).toBe(0);
    expect(closing.send).not.toHaveBeenCalled();
    expect(reused.send).not.toHaveBeenCalled();
  });
});
