import { useSyncStatus } from '@tinysync/react';

/** Tells a viewer why there is nothing to edit; the server drops their writes anyway. */
export function ReadOnlyNotice() {
  const { readOnly } = useSyncStatus();
  if (!readOnly) return null;
  return (
    <p className="demo-notice" role="note">
      <strong>View only.</strong> You can see everything in this workspace, but your role does not
      allow changes.
    </p>
  );
}
