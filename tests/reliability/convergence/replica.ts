import { connectNodeClient, type NodeClient } from '@tinysync/sync-worker/testing';
import { createMergeableStore, type MergeableStore } from 'tinybase';

/**
 * One client's copy of the store: a MergeableStore that outlives its connections. Disconnecting
 * closes the synchronizer and socket; the copy stays and keeps taking writes. Connecting starts
 * a new synchronizer on the same copy (a TinyBase synchronizer must not be reused after its
 * socket closed), which syncs what was written meanwhile both ways.
 */
export class Replica {
  readonly store: MergeableStore = createMergeableStore();
  #connection: NodeClient | undefined;
  /** Bumped by `expectCloses`: sockets opened before it may be closed by the server. */
  #generation = 0;

  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly token: () => Promise<string>,
    /** Told when the server closes this replica's socket when no fault explains it. */
    private readonly onUnexpectedClose: (description: string) => void,
  ) {}

  /** Meant to be connected: a socket that the server closed since still counts. */
  get meantToBeConnected(): boolean {
    return this.#connection !== undefined;
  }

  /** Connects unless it already has an open connection (a dead one is replaced). */
  async connect(): Promise<void> {
    const socket = this.#connection?.socket;
    if (socket !== undefined && socket.readyState === socket.OPEN) return;
    await this.disconnect();
    const connection = await connectNodeClient(this.url, await this.token(), this.store);
    const generation = this.#generation;
    let closedByUs = false;
    const close = connection.close;
    this.#connection = {
      ...connection,
      close: () => {
        closedByUs = true;
        return close();
      },
    };
    // A socket error after the upgrade (e.g. the worker went away) must not crash the run.
    connection.socket.on('error', () => undefined);
    connection.socket.on('close', (code, reason) => {
      if (!closedByUs && generation === this.#generation) {
        this.onUnexpectedClose(`${this.name}: closed by the server, ${code} ${String(reason)}`);
      }
    });
  }

  async disconnect(): Promise<void> {
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.close().catch(() => undefined);
  }

  /** The server is about to go away: the closes of current sockets are expected. */
  expectCloses(): void {
    this.#generation++;
  }
}
