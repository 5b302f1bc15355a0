import { useId, useState } from 'react';
import { UsersOnTinySync } from './users-on-tinysync.ts';
import { UsersPanel } from './users-panel.tsx';

/**
 * A migration in progress: the legacy screen still on React Query (until its flag moves it),
 * next to its migrated twin on TinySync. The legacy one shows the server's state as of its last
 * fetch; the twin shows every change as it happens, also offline.
 */
export function ReactQueryScreen() {
  const [legacyOnTinySync, setLegacyOnTinySync] = useState(false);
  const flagId = useId();
  return (
    <div className="demo-react-query">
      <h1 className="tinysync-heading">React Query, side by side</h1>
      <div className="demo-flag">
        <input
          id={flagId}
          type="checkbox"
          checked={legacyOnTinySync}
          onChange={(event) => setLegacyOnTinySync(event.target.checked)}
        />
        <label htmlFor={flagId}>Feature flag: the legacy screen reads through TinySync</label>
      </div>
      <div className="demo-react-query__panels">
        <UsersOnTinySync.Provider value={legacyOnTinySync}>
          <UsersPanel title="Legacy screen" />
        </UsersOnTinySync.Provider>
        <UsersOnTinySync.Provider value={true}>
          <UsersPanel title="Migrated twin" />
        </UsersOnTinySync.Provider>
      </div>
    </div>
  );
}
