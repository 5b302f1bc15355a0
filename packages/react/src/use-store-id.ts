import { useTinySyncSession } from './tinysync-context.js';

/** The id of the store the provider has open (`org_…` or `user_…`). */
export function useStoreId(): string {
  return useTinySyncSession('useStoreId').storeId;
}
