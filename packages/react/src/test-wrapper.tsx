import { appSchema } from '@tinysync/store';
import { type ReactNode, useState } from 'react';
import { TinySyncProvider } from './tinysync-provider.js';

let storeCounter = 0;

/** A provider over a fresh in-memory store (one per mount), local only, for tests. */
export function FreshStoreProvider({ children }: { children: ReactNode }) {
  const [storeId] = useState(() => `org_test${++storeCounter}`);
  return (
    <TinySyncProvider schema={appSchema} storeId={storeId} persist="memory" fallback="loading…">
      {children}
    </TinySyncProvider>
  );
}
