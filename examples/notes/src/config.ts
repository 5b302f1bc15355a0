/** Where the app finds its worker, and how it signs in; Vite inlines these at build time. */
export const config = {
  /** The sync worker (`wrangler dev` serves it here); the client speaks WebSocket to it. */
  syncUrl: (import.meta.env.VITE_SYNC_URL ?? 'http://127.0.0.1:8787')
    .replace(/\/+$/, '')
    .replace(/^http/, 'ws'),
  clerkPublishableKey: import.meta.env.VITE_CLERK_PUBLISHABLE_KEY,
} as const;
