import { useSyncExternalStore } from 'react';
import { type ScreenId, screenFromHash } from './screens.ts';

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The screen the URL hash names. */
export function useScreen(): ScreenId {
  return useSyncExternalStore(subscribe, () => screenFromHash(location.hash));
}
