/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_TINYSYNC_URL?: string;
  readonly VITE_CLERK_PUBLISHABLE_KEY?: string;
}
