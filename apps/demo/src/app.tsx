import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { demoConfig } from './config/demo-config.ts';
import { DevAuthApp } from './dev-auth/dev-auth-app.tsx';
import { LoadingScreen } from './workspace/loading-screen.tsx';

// Clerk's SDK is only downloaded when the demo is configured for it.
const ClerkAuthApp = lazy(() =>
  import('./clerk-auth/clerk-auth-app.tsx').then((module) => ({ default: module.ClerkAuthApp })),
);

// The React Query screen's legacy half still needs its client, as an app mid-migration does.
const queryClient = new QueryClient();

/** Real Clerk when a publishable key is configured, else the dev "sign in as" picker. */
export function App() {
  const { clerkPublishableKey } = demoConfig;
  return (
    <QueryClientProvider client={queryClient}>
      {clerkPublishableKey ? (
        <Suspense fallback={<LoadingScreen />}>
          <ClerkAuthApp publishableKey={clerkPublishableKey} />
        </Suspense>
      ) : (
        <DevAuthApp />
      )}
    </QueryClientProvider>
  );
}
