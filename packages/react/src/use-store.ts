import type { AnySchema, TinySyncStore } from '@tinysync/store';
import { useTinySyncSession } from './tinysync-context.js';

/** The TinySync store itself (typed operations, TinyBase store, indexes…): the escape hatch. */
export function useStore<S extends AnySchema = AnySchema>(): TinySyncStore<S> {
  return useTinySyncSession('useStore').app as TinySyncStore<S>;
}
