export {
  type ClerkAuth,
  ClerkTinySyncProvider,
  type ClerkTinySyncProviderProps,
} from './clerk-tinysync-provider.js';
