import {
  type AnySchema,
  type IncludableReference,
  type IncludeOption,
  includableReferences,
  type RowWithIncluded,
  type TableId,
  type TinySyncStore,
} from '@tinysync/store';
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { MergeableStore } from 'tinybase';
import { IncludedRowsNester } from './included-rows-nester.js';
import { NestedRowWatch } from './nested-row-watch.js';

/** The `include` option of the list and row hooks, and the rows it makes. */
export interface IncludeOptions<
  S extends AnySchema,
  T extends TableId<S>,
  I extends IncludeOption<S, T>,
> {
  /**
   * Referenced rows to nest in each row, by the reference cell's name without `Id`:
   * `{ assignee: true }` puts the user `assigneeId` names under `row.assignee` (undefined when
   * the cell is empty or the user is missing). Only reference cells (`ref(...)`) can be named.
   */
  readonly include?: I & { readonly [Name in Exclude<keyof I, keyof IncludeOption<S, T>>]: never };
}

/** `include` left out: the rows as they are. */
export type NoInclude = Record<never, never>;

/** A hook's options with a typed `include`, and `select` taking the rows with what they include. */
export type WithIncludeOption<
  Options,
  S extends AnySchema,
  T extends TableId<S>,
  I extends IncludeOption<S, T>,
  Data,
> = Omit<Options, 'include' | 'select'> &
  IncludeOptions<S, T, I> &
  ('select' extends keyof Options
    ? { readonly select?: (rows: RowWithIncluded<S, T, I>[]) => Data }
    : unknown);

type AnyInclude = Readonly<Record<string, boolean | undefined>>;

/**
 * The rows with the rows they reference nested in them, as `include` asks. Re-renders when a
 * nested row that is shown changes, not for other writes to its table. Without `include`, the
 * rows themselves.
 */
export function useIncludedRows<Row extends { readonly id: string }>(
  app: TinySyncStore<AnySchema>,
  tableId: string,
  rows: Row[] | undefined,
  include: AnyInclude | undefined,
): Row[] | undefined {
  const store = app.store as unknown as MergeableStore;
  const [{ nester, watch }] = useState(() => ({
    nester: new IncludedRowsNester(store),
    watch: new NestedRowWatch(store),
  }));
  const includeKey = includedNames(include).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: includeKey stands for include.
  const references = useMemo(
    () => resolveIncludes(app.schema, tableId, includedNames(include)),
    [app.schema, tableId, includeKey],
  );
  // Nothing shown (a disabled hook, an absent row): nothing to listen to.
  const targetsKey =
    rows === undefined
      ? ''
      : [...new Set(references.map((reference) => reference.targetTableId))].join(',');
  const subscribe = useCallback(
    (onChange: () => void) =>
      targetsKey === '' ? () => undefined : watch.subscribe(targetsKey.split(','), onChange),
    [watch, targetsKey],
  );
  const version = useSyncExternalStore(subscribe, watch.getVersion);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version changes with the nested rows.
  return useMemo(() => {
    if (rows === undefined || references.length === 0) return rows;
    const nested = nester.nest(rows, references);
    watch.watch(nested.shown);
    return nested.rows;
  }, [rows, references, nester, watch, version]);
}

function includedNames(include: AnyInclude | undefined): string[] {
  if (include === undefined) return [];
  return Object.keys(include)
    .filter((name) => include[name] === true)
    .sort();
}

/** The references `include` names; a name that is not one fails loudly, listing those that are. */
function resolveIncludes(
  schema: AnySchema,
  tableId: string,
  names: readonly string[],
): IncludableReference[] {
  const includable = includableReferences(schema, tableId);
  return names.map((name) => {
    const reference = includable.get(name);
    if (reference === undefined) {
      const known = [...includable.keys()].map((known) => `'${known}'`).join(', ') || 'none';
      throw new Error(
        `'${name}' cannot be included in ${tableId}: it names no reference cell of the table (includable: ${known})`,
      );
    }
    return reference;
  });
}
