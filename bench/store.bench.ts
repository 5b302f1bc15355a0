import {
  appSchema,
  createSchemaIndexes,
  createSchemaRelationships,
  createTinySyncStore,
  toTinyBaseTablesSchema,
} from '@tinysync/store';
import { createMergeableStore } from 'tinybase';
import { type BenchResult, medianMs } from './measure.ts';

export interface StoreBenchOptions {
  readonly rows: number;
  readonly repeats: number;
}

const user = (index: number) => ({
  name: `User ${index % 997}`,
  email: `user${index}@example.com`,
  role: index % 3 === 0 ? ('admin' as const) : ('member' as const),
});

/** A store as an app uses it: indexes built (they are lazy), so writes maintain them. */
const newApp = () => {
  const app = createTinySyncStore(appSchema, { onWarning: () => undefined });
  void app.indexes;
  return app;
};

/** The baseline: plain TinyBase with the same tables schema, indexes and relationships. */
function newRawStore() {
  const store = createMergeableStore().setTablesSchema(toTinyBaseTablesSchema(appSchema));
  createSchemaIndexes(store, appSchema);
  createSchemaRelationships(store, appSchema);
  return store;
}

/** Single writes measured against a store that already holds `rows` rows. */
const SINGLE_WRITES = 500;

/**
 * The cost of TinySync's validated operations over raw TinyBase writes on the same schema,
 * indexes and relationships (ratios from the same run). Bundle sizes: `bundle.bench.ts`.
 */
export async function runStoreBench({ rows, repeats }: StoreBenchOptions): Promise<BenchResult[]> {
  const ids = Array.from({ length: rows }, (_, index) => `u${index}`);
  const filled = () => {
    const app = newApp();
    app.batch(() => {
      for (const [index, id] of ids.entries()) app.tables.users.create({ id, ...user(index) });
    });
    return app;
  };
  const rawFilled = () => {
    const store = newRawStore();
    store.transaction(() => {
      for (const [index, id] of ids.entries()) {
        store.setRow('users', id, { ...user(index), createdAt: 1 });
      }
    });
    return store;
  };
  /** Median time of one write, each made into a freshly filled store. */
  const microsPerWrite = <Subject>(
    prepare: () => Subject,
    writeOne: (subject: Subject, index: number) => unknown,
  ) => {
    const totalMs = medianMs(repeats, () => {
      const subject = prepare();
      return () => {
        for (let index = 0; index < SINGLE_WRITES; index++) writeOne(subject, index);
      };
    });
    return (totalMs / SINGLE_WRITES) * 1000;
  };

  const results: BenchResult[] = [
    {
      metric: `create ${rows} rows in one batch`,
      unit: 'ms',
      ours: medianMs(repeats, () => () => void filled()),
      baseline: medianMs(repeats, () => () => void rawFilled()),
      baselineName: 'TinyBase transaction',
    },
    {
      metric: `create one row in a ${rows}-row table`,
      unit: 'µs',
      ours: microsPerWrite(filled, (app, index) =>
        app.tables.users.create({ id: `extra${index}`, ...user(index) }),
      ),
      baseline: microsPerWrite(rawFilled, (store, index) =>
        store.setRow('users', `extra${index}`, { ...user(index), createdAt: 1 }),
      ),
      baselineName: 'TinyBase setRow',
    },
    {
      metric: `update one cell in a ${rows}-row table`,
      unit: 'µs',
      ours: microsPerWrite(filled, (app, index) =>
        app.tables.users.update(`u${index % rows}`, { name: 'Z' }),
      ),
      baseline: microsPerWrite(rawFilled, (store, index) =>
        store.setCell('users', `u${index % rows}`, 'name', 'Z'),
      ),
      baselineName: 'TinyBase setCell',
    },
    {
      metric: `list ${rows} rows sorted by name`,
      unit: 'ms',
      ours: medianMs(repeats, () => {
        const app = filled();
        return () => void app.tables.users.list({ sortBy: 'name' });
      }),
      baseline: medianMs(repeats, () => {
        const store = rawFilled();
        return () =>
          void store
            .getSortedRowIds('users', 'name')
            .map((id) => ({ id, ...store.getRow('users', id) }));
      }),
      baselineName: 'getSortedRowIds + getRow',
    },
    {
      metric: `list admins of ${rows} rows, first 50 by name`,
      unit: 'ms',
      ours: medianMs(repeats, () => {
        const app = filled();
        return () =>
          void app.tables.users.list({ where: { role: 'admin' }, sortBy: 'name', limit: 50 });
      }),
    },
  ];
  return results.map(withRatioTarget);
}

/** Validation and undo cost something; more than 2× plain TinyBase would mean they are done badly. */
function withRatioTarget(result: BenchResult): BenchResult {
  if (result.baseline === undefined) return result;
  return { ...result, target: '≤ 2× baseline', pass: result.ours <= 2 * result.baseline };
}
