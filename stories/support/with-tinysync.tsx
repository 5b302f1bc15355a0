import type { Decorator } from '@storybook/react-vite';
import { TinySyncContext, TinySyncProvider, type TinySyncSession } from '@tinysync/react';
import { appSchema, createTinySyncStore, type SyncStatus } from '@tinysync/store';
import { type ReactNode, useEffect, useState } from 'react';
import { createFakeSyncClient, type FakeSyncClient } from './fake-sync-client.ts';
import type { TinySyncParameters } from './tinysync-parameters.ts';

let storeCounter = 0;

/**
 * Gives every story a real, freshly seeded in-memory store and a fake sync client whose status
 * comes from the story (`parameters.tinysync.sync`) or the toolbar's "Sync status".
 */
export const withTinySync: Decorator = (Story, context) => {
  const parameters = (context.parameters.tinysync ?? {}) as TinySyncParameters;
  if (parameters === false) return <Story />;
  if (parameters.loading === true) {
    return (
      <TinySyncProvider
        schema={appSchema}
        storeId="org_loading"
        persist={() => new Promise(() => undefined)}
        fallback={<p role="status">Loading local data…</p>}
      >
        <Story />
      </TinySyncProvider>
    );
  }
  // The toolbar's "story default" is the empty string: the story's own status applies.
  const toolbarStatus = (context.globals.syncStatus || undefined) as SyncStatus | undefined;
  return (
    <StorySession parameters={parameters} status={toolbarStatus}>
      <Story />
    </StorySession>
  );
};

interface StorySessionProps {
  readonly parameters: Exclude<TinySyncParameters, false>;
  readonly status: SyncStatus | undefined;
  readonly children: ReactNode;
}

function StorySession({ parameters, status, children }: StorySessionProps) {
  const [session] = useState(() => openSession(parameters));
  const client = session.client as FakeSyncClient;
  useEffect(() => {
    if (status !== undefined) client.set({ status });
  }, [client, status]);
  useEffect(() => () => void session.app.destroy(), [session]);
  return <TinySyncContext.Provider value={session}>{children}</TinySyncContext.Provider>;
}

function openSession(parameters: Exclude<TinySyncParameters, false>): TinySyncSession {
  const app = createTinySyncStore(appSchema);
  parameters.seed?.(app);
  app.history.clear();
  return {
    storeId: `org_story${++storeCounter}`,
    app: app as unknown as TinySyncSession['app'],
    client: createFakeSyncClient({ status: 'synced', ...parameters.sync }),
  };
}
