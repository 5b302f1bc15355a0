import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  OfflineBanner,
  ProjectList,
  StoreInspector,
  SyncStatusBadge,
  TaskBoard,
  TinySyncProvider,
  UndoRedo,
  UsersTable,
} from '@tinysync/react';
import { appSchema } from '@tinysync/store';
import { useState } from 'react';

/**
 * These stories connect to a sync worker running on this machine instead of the fake status.
 * Start one and give Storybook a dev token:
 *
 * ```sh
 * npm run dev -w @tinysync/sync-worker
 * STORYBOOK_TINYSYNC_TOKEN=$(npm run -s token -- --sub user_1 --org org_1 --role org:admin --ttl 86400) \
 *   npm run storybook
 * ```
 *
 * Open the story in two tabs to watch edits sync. `STORYBOOK_TINYSYNC_URL` (default
 * `ws://127.0.0.1:8787`) and `STORYBOOK_TINYSYNC_STORE_ID` (default `org_1`) point elsewhere.
 * Not run as tests: the test suite needs no server.
 */
const meta = {
  title: 'Live worker/Team workspace',
  tags: ['!test', '!autodocs'],
  parameters: { tinysync: false },
  render: () => <LiveWorkspace />,
} satisfies Meta;

export default meta;

export const Workspace: StoryObj<typeof meta> = {};

const env = (import.meta as unknown as { env: Record<string, string | undefined> }).env;

function LiveWorkspace() {
  const token = env.STORYBOOK_TINYSYNC_TOKEN;
  if (token === undefined || token === '') {
    return (
      <div className="tinysync">
        <h2 className="tinysync-heading">No worker token</h2>
        <p>
          Start the sync worker (<code>npm run dev -w @tinysync/sync-worker</code>) and restart
          Storybook with <code>STORYBOOK_TINYSYNC_TOKEN</code> set to a dev token (
          <code>npm run -s token -- --sub user_1 --org org_1 --role org:admin --ttl 86400</code>).
        </p>
      </div>
    );
  }
  return (
    <TinySyncProvider
      schema={appSchema}
      storeId={env.STORYBOOK_TINYSYNC_STORE_ID ?? 'org_1'}
      url={env.STORYBOOK_TINYSYNC_URL ?? 'ws://127.0.0.1:8787'}
      getToken={() => token}
      persist="memory"
      fallback={<p role="status">Loading…</p>}
    >
      <WorkspaceScreen />
    </TinySyncProvider>
  );
}

function WorkspaceScreen() {
  const [projectId, setProjectId] = useState<string | undefined>();
  return (
    <div style={{ display: 'grid', gap: '1.5rem' }}>
      <div style={{ display: 'flex', gap: '1rem', alignItems: 'center' }}>
        <SyncStatusBadge />
        <UndoRedo />
      </div>
      <OfflineBanner />
      <div style={{ display: 'grid', gridTemplateColumns: '20rem 1fr', gap: '1.5rem' }}>
        <ProjectList selectedId={projectId} onSelect={setProjectId} />
        <TaskBoard projectId={projectId} />
      </div>
      <UsersTable />
      <StoreInspector />
    </div>
  );
}
