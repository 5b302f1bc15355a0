import { createIndexedDbPersister } from 'tinybase/persisters/persister-indexed-db';
import { PersistenceUnavailableError } from '../errors.ts';
import type { PersisterFactory } from './local-persister.ts';
import { createMemoryPersister } from './memory-persister.ts';

export interface IndexedDbPersisterOptions {
  /**
   * How often to look for changes another tab saved, in seconds; off (`false`) by default.
   * TinyBase's auto-load replaces the store with what it reads, so a poll that lands between a
   * write and its save can drop that write. Turn it on only
   * where several tabs must see each other offline; syncing through the server covers tabs
   * that are online.
   */
  readonly autoLoadIntervalSeconds?: number | false;
}

/**
 * Persists the store, with its CRDT stamps, in IndexedDB through TinyBase's IndexedDB
 * persister, so a reload keeps offline edits and deletions (a deleted row stays deleted when it
 * later merges with the server). Where IndexedDB cannot be opened (no API, private mode,
 * blocked), the store keeps working in memory and the problem is reported as a warning.
 */
export function indexedDbPersister(
  dbName: string,
  options: IndexedDbPersisterOptions = {},
): PersisterFactory {
  const { autoLoadIntervalSeconds = false } = options;
  return async (store, { warn }) => {
    const problem = await indexedDbProblem(dbName);
    if (problem !== undefined) {
      warn(
        new PersistenceUnavailableError(
          `IndexedDB is unavailable (${problem}); '${dbName}' is kept in memory and will not survive a reload`,
        ),
      );
      return createMemoryPersister(store);
    }
    const persister = createIndexedDbPersister(
      store,
      dbName,
      autoLoadIntervalSeconds === false ? undefined : autoLoadIntervalSeconds,
      (error: unknown) => {
        if (isNothingSavedYet(error)) return;
        warn(
          new PersistenceUnavailableError(`IndexedDB '${dbName}' failed: ${describe(error)}`, {
            cause: error,
          }),
        );
      },
    );
    return {
      description: `indexeddb:${dbName}`,
      persister,
      autoLoad: autoLoadIntervalSeconds !== false,
    };
  };
}

/** The part of `IDBFactory` the probe uses (typed here so the package needs no DOM types). */
interface IndexedDbOpener {
  open(name: string): {
    onsuccess: (() => void) | null;
    onerror: (() => void) | null;
    onblocked: (() => void) | null;
    readonly result: { close(): void };
    readonly error: unknown;
  };
}

/** Opens the database once to find out whether IndexedDB works here; undefined when it does. */
async function indexedDbProblem(dbName: string): Promise<string | undefined> {
  const factory = (globalThis as { indexedDB?: IndexedDbOpener }).indexedDB;
  if (factory === undefined) return 'this environment has no indexedDB';
  try {
    return await new Promise<string | undefined>((resolve) => {
      const request = factory.open(dbName);
      request.onsuccess = () => {
        request.result.close();
        resolve(undefined);
      };
      request.onerror = () => resolve(describe(request.error));
      request.onblocked = () => resolve('the database is blocked by another connection');
    });
  } catch (error) {
    return describe(error);
  }
}

/**
 * TinyBase's first load of a new database finds none of its object stores (they are created by
 * the first save) and reports a NotFoundError. That is the normal empty start, not a failure.
 */
function isNothingSavedYet(error: unknown): boolean {
  return error instanceof Error && error.name === 'NotFoundError';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
