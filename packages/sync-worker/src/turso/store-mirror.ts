import type { Client } from '@libsql/client';
import {
  type AnySchema,
  type MirrorTable,
  type TinySyncStore,
  toMirrorTables,
} from '@tinysync/store';
import { getHlcFunctions } from 'tinybase';
import type { MergeableChangesOrContent } from '../persistence/mergeable-stamps.js';
import { applyCapturedChanges, type RejectedChange } from './apply-captured-changes.js';
import { Backoff } from './backoff.js';
import { pruneCapturedChanges, readCapturedChanges } from './captured-changes.js';
import { flushOutbox } from './flush-outbox.js';
import { migrateMirror } from './migrate-mirror.js';
import type { MirrorSettings } from './mirror-settings.js';
import { MirrorState } from './mirror-state.js';
import type { MirroredRow } from './mirror-statements.js';
import { Outbox } from './outbox.js';
import { readMirroredStore } from './read-mirrored-store.js';
import { createTursoClient } from './turso-client.js';

/** Flush transactions per alarm, so one alarm never runs for long; the next continues. */
const MAX_BATCHES_PER_RUN = 20;
/**
 * Alarms fire on whole milliseconds and can run a moment before the time asked for; work due
 * within this margin runs now rather than being re-armed for the same instant (which the
 * runtime may drop as already delivered).
 */
const DUE_MARGIN_MS = 5;
/** Change-log entries read (and applied in one store transaction) per round trip. */
const PULL_PAGE = 500;

/** `GET /stores/:storeId/status`: how far Turso is behind the store. */
export type MirrorStatus =
  | { readonly mirror: 'disabled' }
  | {
      readonly mirror: 'turso';
      /** Rows changed in the store that Turso has not received yet. */
      readonly pendingRows: number;
      readonly lastFlushedAt: string | null;
      /** Why the last flush attempt failed; null once one succeeds. */
      readonly lastError: string | null;
      /** Consecutive failed flush attempts (retried with exponential backoff). */
      readonly failedAttempts: number;
      readonly flushedRows: number;
      readonly flushTransactions: number;
      readonly lastPulledAt: string | null;
      readonly pulledSeq: number;
      readonly lastPullError: string | null;
      readonly hydrationPending: boolean;
    };

export interface PullResult {
  readonly applied: number;
  readonly rejected: readonly RejectedChange[];
  readonly pulledSeq: number;
}

export interface StoreMirrorOptions {
  readonly settings: MirrorSettings;
  readonly storeId: string;
  readonly schema: AnySchema;
  /** The Durable Object's SQLite, for the outbox and the mirror's progress. */
  readonly sql: SqlStorage;
  /** The server's copy of the store (exists once the Durable Object has created it). */
  readonly app: () => TinySyncStore<AnySchema> | undefined;
  /** The stamp of a row's latest change, as persisted. */
  readonly rowStamp: (tableId: string, rowId: string) => string | null;
  /** Asks for the Durable Object's alarm at `time` (or earlier, if already set earlier). */
  readonly wakeAt: (time: number) => void;
}

/** Mirror schema migrations, once per database per isolate (concurrent objects share it). */
const migrations = new Map<string, Promise<void>>();

/**
 * Keeps one store's Turso mirror: records changed rows in an outbox as the store persists
 * them, flushes them to Turso in batches (retrying with backoff while it is down), loads an
 * empty store from Turso, and pulls the changes other services wrote to Turso into the store.
 * The Durable Object drives it from its alarm.
 */
export class StoreMirror {
  readonly #options: StoreMirrorOptions;
  readonly #client: Client;
  readonly #outbox: Outbox;
  readonly #state: MirrorState;
  readonly #tables: ReadonlyMap<string, MirrorTable>;
  readonly #flushBackoff: Backoff;
  readonly #pullBackoff: Backoff;
  /** When the next flush may start: the debounce after a change, or a retry's backoff. */
  #flushAt: number | undefined;
  #pullAt = 0;
  #lastError: string | null = null;
  #lastPullError: string | null = null;
  /** Flushes, pulls and hydration retries run one at a time. */
  #running: Promise<unknown> = Promise.resolve();

  constructor(options: StoreMirrorOptions) {
    this.#options = options;
    this.#client = createTursoClient(options.settings);
    this.#outbox = new Outbox(options.sql);
    this.#state = new MirrorState(options.sql);
    this.#tables = new Map(toMirrorTables(options.schema).map((table) => [table.name, table]));
    this.#flushBackoff = new Backoff(options.settings.maxBackoffMs);
    this.#pullBackoff = new Backoff(options.settings.maxBackoffMs);
  }

  /**
   * The store's rows in Turso, for a Durable Object with no state of its own. If Turso cannot
   * be read, the store starts empty and the load is retried (and merged in) from the alarm.
   */
  async hydrate(): Promise<MergeableChangesOrContent | undefined> {
    try {
      const changes = await this.#readMirroredStore();
      this.#state.set({ hydrationPending: false });
      return changes;
    } catch (error) {
      this.#state.set({ hydrationPending: true });
      this.#lastError = describe(error);
      this.#log('mirror_hydration_failed', { message: this.#lastError });
      // Retried like a flush: the same backoff, so a Turso that stays down is not hammered.
      this.#flushAt = this.#flushBackoff.fail(Date.now());
      this.#options.wakeAt(this.#flushAt);
      return undefined;
    }
  }

  /** Records the rows a persisted transaction changed; the same synchronous step as the save. */
  recordChanges([[tables]]: MergeableChangesOrContent): void {
    let recorded = false;
    for (const [tableId, [rows]] of Object.entries(tables)) {
      if (!this.#tables.has(tableId)) continue;
      for (const rowId of Object.keys(rows)) {
        this.#outbox.record(tableId, rowId);
        recorded = true;
      }
    }
    if (recorded && this.#flushAt === undefined) {
      this.#flushAt = Date.now() + this.#options.settings.flushDelayMs;
      this.#options.wakeAt(this.#flushAt);
    }
  }

  /** When the alarm should next run for the mirror; undefined when nothing is waiting. */
  nextWakeAt(hasClients: boolean): number | undefined {
    const times: number[] = [];
    if (this.#outbox.size > 0 || this.#state.get('hydrationPending')) {
      times.push(this.#flushAt ?? Date.now());
    }
    if (hasClients) times.push(this.#pullAt);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** Does whatever is due: a hydration retry, a flush, a poll of the change log. */
  async runDue(hasClients: boolean): Promise<void> {
    const now = Date.now() + DUE_MARGIN_MS;
    if ((this.#flushAt ?? 0) <= now) {
      if (this.#state.get('hydrationPending')) await this.#exclusive(() => this.#retryHydration());
      if (!this.#state.get('hydrationPending') && this.#outbox.size > 0) {
        await this.#exclusive(() => this.#flush());
      }
    }
    if (hasClients && this.#pullAt <= now) {
      await this.#exclusive(() => this.#pull()).catch(() => undefined);
    }
  }

  /** Brings the changes other services logged in Turso into the store now. */
  pull(): Promise<PullResult> {
    return this.#exclusive(() => this.#pull());
  }

  status(): MirrorStatus {
    const at = (time: number | null) => (time === null ? null : new Date(time).toISOString());
    return {
      mirror: 'turso',
      pendingRows: this.#outbox.size,
      lastFlushedAt: at(this.#state.get('lastFlushedAt')),
      lastError: this.#lastError,
      failedAttempts: this.#flushBackoff.failures,
      flushedRows: this.#state.get('flushedRows'),
      flushTransactions: this.#state.get('flushTransactions'),
      lastPulledAt: at(this.#state.get('lastPulledAt')),
      pulledSeq: this.#state.get('pulledSeq'),
      lastPullError: this.#lastPullError,
      hydrationPending: this.#state.get('hydrationPending'),
    };
  }

  async #flush(): Promise<void> {
    try {
      await this.#migrate();
      const progress = await flushOutbox(
        this.#client,
        {
          storeId: this.#options.storeId,
          outbox: this.#outbox,
          tables: this.#tables,
          readRow: (tableId, rowId) => this.#readRow(tableId, rowId),
        },
        this.#options.settings.batchRows,
        MAX_BATCHES_PER_RUN,
        (rows) =>
          this.#state.set({
            lastFlushedAt: Date.now(),
            flushedRows: this.#state.get('flushedRows') + rows,
            flushTransactions: this.#state.get('flushTransactions') + 1,
          }),
      );
      this.#flushBackoff.succeed();
      this.#lastError = null;
      // More left (a long burst): continue at once rather than after another debounce.
      this.#flushAt = this.#outbox.size > 0 && progress.rows > 0 ? Date.now() : undefined;
    } catch (error) {
      this.#lastError = describe(error);
      this.#flushAt = this.#flushBackoff.fail(Date.now());
      this.#log('mirror_flush_failed', {
        message: this.#lastError,
        attempt: this.#flushBackoff.failures,
        pendingRows: this.#outbox.size,
      });
    }
  }

  async #pull(): Promise<PullResult> {
    const { storeId, schema, settings } = this.#options;
    const app = this.#options.app();
    const rejected: RejectedChange[] = [];
    let applied = 0;
    try {
      await this.#migrate();
      for (;;) {
        const afterSeq = this.#state.get('pulledSeq');
        const changes = await readCapturedChanges(this.#client, storeId, afterSeq, PULL_PAGE);
        const last = changes.at(-1);
        if (app === undefined || last === undefined) break;
        const result = applyCapturedChanges(app, schema, changes);
        applied += result.applied;
        rejected.push(...result.rejected);
        this.#state.set({ pulledSeq: last.seq });
        await pruneCapturedChanges(this.#client, storeId, last.seq, settings.changeRetentionMs);
        if (changes.length < PULL_PAGE) break;
      }
      this.#state.set({ lastPulledAt: Date.now() });
      this.#pullBackoff.succeed();
      this.#lastPullError = null;
      this.#pullAt = Date.now() + settings.pullIntervalMs;
    } catch (error) {
      this.#lastPullError = describe(error);
      this.#pullAt = Math.max(
        this.#pullBackoff.fail(Date.now()),
        Date.now() + settings.pullIntervalMs,
      );
      throw error;
    }
    if (rejected.length > 0) {
      this.#log('mirror_changes_rejected', {
        count: rejected.length,
        sample: rejected.slice(0, 5),
      });
    }
    return { applied, rejected, pulledSeq: this.#state.get('pulledSeq') };
  }

  async #retryHydration(): Promise<void> {
    const changes = await this.hydrate();
    if (this.#state.get('hydrationPending')) return;
    this.#flushBackoff.succeed();
    this.#flushAt = undefined;
    if (changes !== undefined) this.#options.app()?.store.applyMergeableChanges(changes as never);
  }

  async #readMirroredStore(): Promise<MergeableChangesOrContent | undefined> {
    await this.#migrate();
    const [nextHlc] = getHlcFunctions(this.#options.storeId);
    return readMirroredStore(
      this.#client,
      this.#options.schema,
      this.#options.storeId,
      nextHlc,
      (cell) => this.#log('mirror_cell_skipped', { ...cell }),
    );
  }

  #readRow(tableId: string, rowId: string): MirroredRow | undefined {
    const store = this.#options.app()?.store;
    if (store === undefined || !store.hasRow(tableId, rowId)) return undefined;
    return { cells: store.getRow(tableId, rowId), stamp: this.#options.rowStamp(tableId, rowId) };
  }

  #migrate(): Promise<void> {
    const key = this.#options.settings.url;
    let migration = migrations.get(key);
    if (migration === undefined) {
      migration = migrateMirror(this.#client, this.#options.schema).then(() => undefined);
      migration.catch(() => migrations.delete(key));
      migrations.set(key, migration);
    }
    return migration;
  }

  #exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#running.then(run, run);
    this.#running = next.catch(() => undefined);
    return next;
  }

  #log(event: string, fields: Record<string, unknown>): void {
    console.warn(JSON.stringify({ level: 'warn', event, store: this.#options.storeId, ...fields }));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
