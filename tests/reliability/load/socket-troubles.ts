import type { NodeClient } from '@tinysync/sync-worker/testing';

/**
 * Records every socket error and every close of the clients watched, as readable lines
 * (`client 7 at 21:08:53.120: closed 4029 rate_limited`). Under load nothing of the kind may
 * happen before the test closes the clients itself, so a test asserts `troubles()` is empty
 * before it does. The wall-clock time tells a close of every socket at once (the worker
 * restarting, e.g. `wrangler dev` reloading after a source file changed) from one client's.
 */
export class SocketTroubles {
  readonly #troubles: string[] = [];

  watch(client: NodeClient, name: string): void {
    const report = (trouble: string) =>
      this.#troubles.push(`${name} at ${new Date().toISOString().slice(11, 23)}: ${trouble}`);
    if (client.socket.readyState !== client.socket.OPEN) report('not open');
    client.socket.on('error', (error) => report(`error ${error.message}`));
    client.socket.on('close', (code, reason) => report(`closed ${code} ${String(reason)}`));
  }

  troubles(): readonly string[] {
    return this.#troubles;
  }
}
