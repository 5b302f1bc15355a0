import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RunningSystem } from '../support/running-system.ts';
import { Replica } from './replica.ts';
import { clientOf, type Scenario, type Step, type Write } from './scenario.ts';
import { WriteLedger } from './write-ledger.ts';

/**
 * Plays one scenario on the running system, for one store: the clients' replicas, the faults,
 * and the ledger of every write they made.
 */
export class ScenarioRun {
  readonly replicas: readonly Replica[];
  readonly ledger = new WriteLedger();
  /** Connections the server closed when no fault explains it (kept for the failure report). */
  readonly unexpectedCloses: string[] = [];

  constructor(
    private readonly system: RunningSystem,
    readonly storeId: string,
    private readonly scenario: Scenario,
  ) {
    const url = `${system.worker.wsUrl}/sync/${storeId}`;
    this.replicas = Array.from(
      { length: scenario.clients },
      (_, index) =>
        new Replica(
          `c${index}`,
          url,
          () => system.tokenFor(storeId, { sub: `user_c${index}` }),
          (description) => this.unexpectedCloses.push(description),
        ),
    );
  }

  /** Every client connects, as at the start of a working day. */
  async start(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.connect()));
  }

  async play(): Promise<void> {
    for (const step of this.scenario.steps) {
      await this.#apply(step);
      // Lets whatever already arrived on the sockets be handled before the next step.
      await nextTurn();
    }
  }

  /** Ends every fault: libSQL up, every client connected (and so syncing what it wrote). */
  async heal(): Promise<void> {
    await this.system.libsql.start();
    await Promise.all(this.replicas.map((replica) => replica.connect()));
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.disconnect()));
  }

  async #apply(step: Step): Promise<void> {
    switch (step.kind) {
      case 'setRow':
      case 'setCell':
      case 'delRow':
        return this.#write(step);
      case 'disconnect':
        return this.#replica(step).disconnect();
      case 'reconnect':
        return this.#replica(step).connect();
      case 'restartWorker':
        return this.#restartWorker();
      case 'stopLibsql':
        return this.system.libsql.stop();
      case 'startLibsql':
        return this.system.libsql.start();
      case 'pause':
        return new Promise((resolve) => setTimeout(resolve, step.ms));
    }
  }

  #write(step: Write): void {
    const { name, store } = this.#replica(step);
    this.ledger.record(name, store, () => {
      switch (step.kind) {
        case 'setRow':
          store.setRow(step.tableId, step.rowId, step.row);
          break;
        case 'setCell':
          if (store.hasRow(step.tableId, step.rowId)) {
            store.setCell(step.tableId, step.rowId, step.cellId, step.value);
          }
          break;
        case 'delRow':
          store.delRow(step.tableId, step.rowId);
          break;
      }
    });
  }

  /** Sockets die with the worker; the clients that were connected come back, as the SyncClient does. */
  async #restartWorker(): Promise<void> {
    for (const replica of this.replicas) replica.expectCloses();
    await this.system.worker.restart();
    await Promise.all(
      this.replicas
        .filter((replica) => replica.meantToBeConnected)
        .map((replica) => replica.connect()),
    );
  }

  #replica(step: { client: number }): Replica {
    return this.replicas[clientOf(this.scenario, step)] as Replica;
  }
}
