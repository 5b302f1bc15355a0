import { appSchema } from '@tinysync/store';
import type { ReactNode } from 'react';
import { TinySyncProvider } from './tinysync-provider.tsx';

let storeCounter = 0;

/** A provider over a fresh in-memory store, local only, for rendering hooks in tests. */
export function createWrapper() {
  const storeId = `org_test${++storeCounter}`;
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <TinySyncProvider schema={appSchema} storeId={storeId} persist="memory" fallback="loading…">
        {children}
      </TinySyncProvider>
    );
  };
}
