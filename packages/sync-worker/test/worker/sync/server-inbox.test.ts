import { describe, expect, it } from 'vitest';
import { ServerInbox } from '../../../src/sync/server-inbox.ts';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ServerInbox', () => {
  it('delivers nothing in the pushing task, then everything in arrival order', async () => {
    const delivered: string[] = [];
    const inbox = new ServerInbox<string>(
      (message) => delivered.push(message),
      () => undefined,
    );
    inbox.push(['a', 'b']);
    inbox.push(['c']);
    await Promise.resolve();
    expect(delivered).toEqual([]);
    await nextTask();
    expect(delivered).toEqual(['a', 'b', 'c']);
    inbox.push(['d']);
    await nextTask();
    expect(delivered).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps delivering after a message throws, and reports the error', async () => {
    const delivered: string[] = [];
    const errors: unknown[] = [];
    const inbox = new ServerInbox<string>(
      (message) => {
        if (message === 'bad') throw new Error('cannot apply');
        delivered.push(message);
      },
      (error) => errors.push(error),
    );
    inbox.push(['a', 'bad', 'b']);
    await nextTask();
    expect(delivered).toEqual(['a', 'b']);
    expect(errors).toEqual([new Error('cannot apply')]);
  });

  it('delivers a message pushed while it is delivering, in the same pass', async () => {
    const delivered: string[] = [];
    const inbox: ServerInbox<string> = new ServerInbox<string>(
      (message) => {
        delivered.push(message);
        if (message === 'a') inbox.push(['from a']);
      },
      () => undefined,
    );
    inbox.push(['a', 'b']);
    await nextTask();
    expect(delivered).toEqual(['a', 'b', 'from a']);
  });
});
