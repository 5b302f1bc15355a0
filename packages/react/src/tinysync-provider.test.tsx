import { render, screen, waitFor } from '@testing-library/react';
import { appSchema } from '@tinysync/store';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { TinySyncProvider } from './tinysync-provider.js';
import { useStoreId } from './use-store-id.js';

/** A WebSocket that never connects, counting the sockets left open. */
const sockets = { opened: 0, closed: 0 };
class CountingSocket extends EventTarget {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    super();
    sockets.opened++;
  }
  send() {}
  close() {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    sockets.closed++;
    this.dispatchEvent(new Event('close'));
  }
}

function StoreName() {
  return <p>{useStoreId()}</p>;
}

describe('TinySyncProvider', () => {
  it('keeps exactly one socket under StrictMode, and closes it on unmount', async () => {
    const { unmount } = render(
      <StrictMode>
        <TinySyncProvider
          schema={appSchema}
          storeId="org_strict"
          url="ws://127.0.0.1:1"
          getToken={() => 'token'}
          persist="memory"
          WebSocket={CountingSocket}
        >
          <StoreName />
        </TinySyncProvider>
      </StrictMode>,
    );
    expect(await screen.findByText('org_strict')).toBeDefined();
    await waitFor(() => expect(sockets.opened).toBeGreaterThan(0));
    expect(sockets.opened - sockets.closed).toBe(1);
    unmount();
    expect(sockets.opened - sockets.closed).toBe(0);
  });
});
