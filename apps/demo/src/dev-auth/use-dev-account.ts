import { useCallback, useState } from 'react';
import { DEV_ACCOUNTS, type DevAccount } from './dev-accounts.ts';

const STORAGE_KEY = 'tinysync-demo:dev-account';

/**
 * The dev account signed in on this browser. Kept in localStorage so that a reload — also one
 * while offline — reopens the same workspace from its local copy.
 */
export function useDevAccount(): [
  DevAccount | undefined,
  (account: DevAccount | undefined) => void,
] {
  const [account, setAccount] = useState(() =>
    DEV_ACCOUNTS.find((candidate) => candidate.userId === localStorage.getItem(STORAGE_KEY)),
  );
  const choose = useCallback((next: DevAccount | undefined) => {
    if (next === undefined) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next.userId);
    setAccount(next);
  }, []);
  return [account, choose];
}
