import { CLOSE } from '@tinysync/store/protocol';
import type { ConnectionInfo } from '../sync/connection-info.js';
import { close } from './sockets.js';

/** The mirror's part of the alarm: what the Durable Object's Turso mirror needs run. */
export interface ScheduledMirror {
  /** Runs the flush, pull or hydration retry that is due. */
  runDue(hasClients: boolean): Promise<void>;
  /** When the mirror next needs the alarm; undefined when it does not. */
  nextWakeAt(hasClients: boolean): number | undefined;
}

export interface AlarmSchedulerOptions {
  readonly storage: Pick<DurableObjectStorage, 'getAlarm' | 'setAlarm'>;
  /** The connected clients' sockets (open ones only). */
  readonly sockets: () => readonly WebSocket[];
  readonly mirror: () => ScheduledMirror | undefined;
  /** Re-announces the server copy's content hashes to every client. */
  readonly announce: () => void;
  readonly resyncIntervalMs: number;
  readonly onError: (error: unknown) => void;
}

/**
 * The one owner of the object's one alarm, which does four jobs: closing sockets whose session
 * token expired, the mirror's flush (debounced, or retried with backoff), polling Turso's
 * change log while clients are connected, and re-announcing the content hashes to them. After
 * each run it asks for the earliest time one of them is due again.
 */
export class AlarmScheduler {
  readonly #options: AlarmSchedulerOptions;
  /** When the next periodic re-announcement of the content hashes is due. */
  #resyncAt = 0;
  /** Alarm changes run one after another, so a later, earlier-time request is never lost. */
  #alarmUpdates: Promise<void> = Promise.resolve();

  constructor(options: AlarmSchedulerOptions) {
    this.#options = options;
  }

  /** A client connected: its token's expiry, the resync and the change-log polling are due. */
  connected(connection: Pick<ConnectionInfo, 'expiresAt'>): void {
    void this.wakeAt(connection.expiresAt);
    const now = Date.now();
    if (this.#resyncAt <= now) this.#resyncAt = now + this.#options.resyncIntervalMs;
    void this.wakeAt(this.#resyncAt);
    // Poll Turso's change log while someone is connected to see it.
    const mirrorWake = this.#options.mirror()?.nextWakeAt(true);
    if (mirrorWake !== undefined) void this.wakeAt(mirrorWake);
  }

  /** The alarm handler: runs what is due, then sets the alarm for what is due next. */
  async run(): Promise<void> {
    const { sockets, mirror } = this.#options;
    this.#closeExpiredSockets();
    await mirror()?.runDue(sockets().length > 0);
    const hasClients = sockets().length > 0;
    const next = Math.min(
      this.#closeExpiredSockets(),
      mirror()?.nextWakeAt(hasClients) ?? Number.POSITIVE_INFINITY,
      hasClients ? this.#resyncIfDue() : Number.POSITIVE_INFINITY,
    );
    // Awaited: an alarm set after the handler has returned could be cleared with the old one.
    if (Number.isFinite(next)) await this.#rearm(next);
  }

  /** Sets the alarm to `time` (a past time: at once) unless it is already set earlier. */
  wakeAt(requested: number): Promise<void> {
    return this.#updateAlarm(requested, (current, time) => current === null || time < current);
  }

  /**
   * Re-announces the content hashes when due; returns when it is due next. A client whose
   * pull timed out (TinyBase drops a late response and does not ask again) catches up then.
   */
  #resyncIfDue(): number {
    const now = Date.now();
    if (this.#resyncAt <= now) {
      if (this.#resyncAt !== 0) this.#options.announce();
      this.#resyncAt = now + this.#options.resyncIntervalMs;
    }
    return this.#resyncAt;
  }

  /**
   * Closes the sockets whose token has expired; returns the next expiry (or Infinity). Read from
   * the attachments each time: a token refreshed in band (token-refresh.ts) moves a connection's
   * expiry later, so the alarm set for the old one finds it open and re-arms for the new one.
   */
  #closeExpiredSockets(): number {
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const socket of this.#options.sockets()) {
      const connection = socket.deserializeAttachment() as ConnectionInfo | null;
      if (connection === null) continue;
      if (connection.expiresAt <= now) close(socket, CLOSE.tokenExpired);
      else next = Math.min(next, connection.expiresAt);
    }
    return next;
  }

  /**
   * Sets the next alarm from inside the alarm handler. There `getAlarm()` still answers the
   * alarm being handled, which is in the past, so the new time must replace it unconditionally.
   */
  #rearm(requested: number): Promise<void> {
    return this.#updateAlarm(requested, () => true);
  }

  #updateAlarm(
    requested: number,
    shouldSet: (current: number | null, time: number) => boolean,
  ): Promise<void> {
    const { storage, onError } = this.#options;
    this.#alarmUpdates = this.#alarmUpdates
      .then(async () => {
        // Strictly later than now: an alarm re-armed for the instant being handled can be lost.
        const time = Math.max(Math.ceil(requested), Date.now() + 1);
        if (shouldSet(await storage.getAlarm(), time)) await storage.setAlarm(time);
      })
      .catch(onError);
    return this.#alarmUpdates;
  }
}
