import type { SyncSnapshot, SyncStatus } from '@tinysync/store';
import { useSyncStatus } from '../use-sync-status.js';
import { kitClassName } from './kit-class-name.js';

const STATUS_LABELS: Record<SyncStatus, string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  synced: 'Synced',
  unauthorized: 'Not signed in',
  error: 'Sync error',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export interface SyncStatusBadgeProps {
  readonly className?: string;
}

/**
 * Where this device stands with the server: status, when it last synced, and how many local
 * changes the server has not confirmed yet. Announced politely as it changes.
 */
export function SyncStatusBadge({ className }: SyncStatusBadgeProps) {
  const sync = useSyncStatus();
  const lastSynced = sync.lastSyncedAt === null ? undefined : new Date(sync.lastSyncedAt);
  return (
    <span
      role="status"
      aria-label={describe(sync, lastSynced)}
      title={sync.error?.message}
      className={kitClassName('badge', className)}
      data-status={sync.status}
    >
      <span className="tinysync-badge__dot" aria-hidden="true" />
      <span className="tinysync-badge__label">{STATUS_LABELS[sync.status]}</span>
      {sync.pendingChanges > 0 ? (
        <span className="tinysync-badge__detail">{sync.pendingChanges} pending</span>
      ) : null}
      {lastSynced === undefined ? null : (
        <time className="tinysync-badge__detail" dateTime={lastSynced.toISOString()}>
          {timeFormat.format(lastSynced)}
        </time>
      )}
      {sync.readOnly ? <span className="tinysync-badge__tag">Read-only</span> : null}
    </span>
  );
}

/** The whole state as one sentence, so a screen reader does not read fragments. */
function describe(sync: SyncSnapshot, lastSynced: Date | undefined): string {
  const parts = [`Sync status: ${STATUS_LABELS[sync.status]}`];
  if (sync.pendingChanges > 0) {
    parts.push(
      `${sync.pendingChanges} local ${sync.pendingChanges === 1 ? 'change' : 'changes'} not yet synced`,
    );
  }
  if (lastSynced !== undefined) parts.push(`last synced at ${timeFormat.format(lastSynced)}`);
  if (sync.readOnly) parts.push('read-only');
  if (sync.error !== null) parts.push(sync.error.message);
  return `${parts.join(', ')}.`;
}
