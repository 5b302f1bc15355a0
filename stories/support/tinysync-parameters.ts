import type { AppSchema, SyncSnapshot, TinySyncStore } from '@tinysync/store';

/**
 * `parameters.tinysync` of a story: what the store holds and what the sync status says.
 * `false` leaves the story without the in-memory store (it brings its own provider).
 */
export type TinySyncParameters =
  | false
  | {
      /** Writes the story's data into the fresh store (its undo history is cleared after). */
      readonly seed?: (app: TinySyncStore<AppSchema>) => void;
      /** The fake client's status; `synced` when omitted. */
      readonly sync?: Partial<SyncSnapshot>;
      /** Keeps the provider loading forever, to show what renders before local data is ready. */
      readonly loading?: boolean;
    };
