import type { ReactNode } from 'react';
import { useSyncStatus } from '../use-sync-status.js';
import { kitClassName } from './kit-class-name.js';

export interface OfflineBannerProps {
  /** Replaces the default message. */
  readonly children?: ReactNode;
  readonly className?: string;
}

/**
 * Tells the user they are offline and that their edits are safe on this device. Renders
 * nothing while connected. A provider without a server `url` counts as offline.
 */
export function OfflineBanner({ children, className }: OfflineBannerProps) {
  const { status, pendingChanges } = useSyncStatus();
  if (status !== 'offline') return null;
  return (
    <div role="status" className={kitClassName('banner', className)}>
      {children ?? (
        <>
          <strong>You are offline.</strong> Changes are saved on this device and sync when the
          connection is back
          {pendingChanges > 0
            ? ` (${pendingChanges} ${pendingChanges === 1 ? 'change' : 'changes'} waiting).`
            : '.'}
        </>
      )}
    </div>
  );
}
