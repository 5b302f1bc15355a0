/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The sync worker, e.g. https://tinysync-notes.example.workers.dev. */
  readonly VITE_SYNC_URL?: string;
  /** With it the app signs in with Clerk; without it, a dev-only token in the URL fragment. */
  readonly VITE_CLERK_PUBLISHABLE_KEY?: string;
}
