/** Where the demo finds its services; Vite inlines `VITE_*` variables at build time. */
const workerUrl = (import.meta.env.VITE_TINYSYNC_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');

export const demoConfig = {
  /** The sync worker's HTTP API (React Query screen, dev tokens). */
  workerUrl,
  /** The same worker's WebSocket endpoint, for the sync client. */
  syncUrl: workerUrl.replace(/^http/, 'ws'),
  /** With a key the demo signs in through Clerk; without one it offers the dev picker. */
  clerkPublishableKey: import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined,
} as const;
