import { lazy, Suspense } from 'react';
import { DevTokenApp } from './auth/dev-token-app';
import { config } from './config';

// Clerk's SDK is downloaded only by apps configured for it.
const ClerkApp = lazy(() =>
  import('./auth/clerk-app').then((module) => ({ default: module.ClerkApp })),
);

/** Clerk when a publishable key is configured; otherwise the dev-only token from the URL. */
export function App() {
  return config.clerkPublishableKey ? (
    <Suspense fallback={<p>Loading…</p>}>
      <ClerkApp publishableKey={config.clerkPublishableKey} />
    </Suspense>
  ) : (
    <DevTokenApp />
  );
}
