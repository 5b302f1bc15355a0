import { eventually } from '@tinysync/sync-worker/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../scale.ts';
import { type RunningSystem, startSystem } from '../support/running-system.ts';
import { liveCopyDifferences, tursoDifferences } from './copy-differences.ts';
import { MAX_CLIENTS, MIN_CLIENTS, scenarioArbitrary } from './scenario.ts';
import { ScenarioRun } from './scenario-run.ts';
import { ShrinkBudget } from './shrink-budget.ts';

/**
 * Each run is a fresh store, 3–8 clients and a generated list of steps. `npm test` runs a few
 * short scenarios; the soak run (`npm run test:soak`) many longer ones.
 */
const RUNS = scaled(8, 40);
const MAX_STEPS = scaled(40, 80);
/** How long the copies get to converge once every fault has ended (not a timing assertion). */
const CONVERGE_MS = scaled(60_000, 120_000);
/**
 * Shrinking a failure re-runs scenarios, and each failing one waits CONVERGE_MS: it stops after
 * this long. To shrink a reported counterexample further, replay it (below) with a bigger
 * `TINYSYNC_CONVERGENCE_SHRINK_MS`.
 */
const SHRINK_MS = Number(process.env.TINYSYNC_CONVERGENCE_SHRINK_MS ?? scaled(180_000, 900_000));
/** A run's worst case: its steps (a restart of `wrangler dev` takes seconds), then both waits. */
const RUN_WORST_MS = 60_000 + 2 * CONVERGE_MS;

/**
 * Replays a reported failure, then goes on shrinking it: `TINYSYNC_CONVERGENCE_SEED=<seed>
 * TINYSYNC_CONVERGENCE_PATH=<path> npx vitest run convergence`. The steps replay exactly; the
 * network's timing does not, so a race may need a few tries.
 */
const replay =
  process.env.TINYSYNC_CONVERGENCE_SEED === undefined
    ? {}
    : {
        seed: Number(process.env.TINYSYNC_CONVERGENCE_SEED),
        ...(process.env.TINYSYNC_CONVERGENCE_PATH === undefined
          ? {}
          : { path: process.env.TINYSYNC_CONVERGENCE_PATH }),
      };

describe(`${MIN_CLIENTS}–${MAX_CLIENTS} clients writing through disconnections, worker restarts and libSQL outages`, () => {
  let system: RunningSystem;
  let stores = 0;

  beforeAll(async () => {
    // Turso outages are short here; the default 30 s cap on the flush's retry backoff would
    // make a run wait up to that long for the outbox to drain after libSQL is back.
    system = await startSystem({ TINYSYNC_FLUSH_MAX_BACKOFF_MS: '1000' });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it(
    'ends with every client, the Durable Object and Turso holding the latest write of every cell',
    async () => {
      const shrinkBudget = new ShrinkBudget(SHRINK_MS);
      await fc.assert(
        fc.asyncProperty(scenarioArbitrary(MAX_STEPS), async (scenario) => {
          if (shrinkBudget.exhausted()) return;
          const run = new ScenarioRun(system, `org_convergence${++stores}`, scenario);
          try {
            await run.start();
            await run.play();
            await run.heal();
            const context = () =>
              `store ${run.storeId}, ${run.ledger.writes} cell writes; connections the server closed unprompted: ${
                run.unexpectedCloses.join('; ') || 'none'
              }`;
            await eventually(
              async () => expect(await liveCopyDifferences(system, run), context()).toEqual([]),
              CONVERGE_MS,
            );
            await eventually(
              async () => expect(await tursoDifferences(system, run), context()).toEqual([]),
              CONVERGE_MS,
            );
          } catch (error) {
            shrinkBudget.failed();
            throw error;
          } finally {
            await run.close();
            // A failed run must not leave the next one without its database.
            await system.libsql.start();
          }
        }),
        { numRuns: RUNS, ...replay },
      );
    },
    (RUNS + 1) * RUN_WORST_MS + SHRINK_MS,
  );
});
