import type { AppSchema, TableOperations } from '@tinysync/store';
import { expect } from 'vitest';

type Tasks = TableOperations<AppSchema, 'tasks'>;
type TaskRows = Record<string, Record<string, unknown>>;

/**
 * Which seeded tasks the long-offline scenario edits how, as consecutive runs of ids (`s0`,
 * `s1`, …) sized so that the offline client makes exactly `edits` edits: 70% creates, the rest
 * updates and deletes, many of them of rows the other client changes meanwhile.
 */
export interface OfflineEditPlan {
  /** Every task that exists before the client goes offline. */
  readonly seeded: readonly string[];
  /** Titles the other client changes first, then the offline client: the offline edit wins. */
  readonly titleChangedByBothOfflineLast: readonly string[];
  /** Titles the offline client changes first, then the other client: the other's edit wins. */
  readonly titleChangedByBothOtherLast: readonly string[];
  /** The offline client changes the status, the other client the title: both stay. */
  readonly differentCellsChanged: readonly string[];
  /** Deleted by the other client, then updated (status) by the offline client. */
  readonly deletedThenUpdatedOffline: readonly string[];
  /** Deleted by the offline client, then updated (position) by the other client. */
  readonly deletedOfflineThenUpdated: readonly string[];
  /** Deleted by the offline client only. */
  readonly deletedOffline: readonly string[];
  /** Moved (position) by the offline client only. */
  readonly movedOffline: readonly string[];
  /** Tasks the offline client creates. */
  readonly createdOffline: readonly string[];
}

/** The cells a new task is created with; the schema adds `position: 0`. */
export const newTask = (id: string) => ({
  title: `Task ${id}`,
  status: 'todo' as const,
  projectId: 'p1',
});

/** A plan of `edits` offline edits; `edits` must be a multiple of 100. */
export function offlineEditPlan(edits: number): OfflineEditPlan {
  const group = edits / 20;
  let next = 0;
  const take = (size: number) => Array.from({ length: size }, () => `s${next++}`);
  const plan = {
    titleChangedByBothOfflineLast: take(group),
    titleChangedByBothOtherLast: take(group),
    differentCellsChanged: take(group),
    deletedThenUpdatedOffline: take(group / 5),
    deletedOfflineThenUpdated: take(group),
    deletedOffline: take(group),
    movedOffline: take((group * 4) / 5),
  };
  return {
    ...plan,
    seeded: Array.from({ length: next }, (_, index) => `s${index}`),
    createdOffline: Array.from({ length: group * 14 }, (_, index) => `n${index}`),
  };
}

/** The other client's edits made before the offline client's (which therefore win). */
export function editBeforeTheOfflineEdits(tasks: Tasks, plan: OfflineEditPlan): void {
  for (const id of plan.titleChangedByBothOfflineLast) {
    tasks.update(id, { title: `${id} by the other client` });
  }
  for (const id of plan.deletedThenUpdatedOffline) tasks.delete(id);
}

/** The offline client's edits, one operation (one transaction) each; returns how many. */
export function editOffline(tasks: Tasks, plan: OfflineEditPlan): number {
  let edits = 0;
  const edit = (write: () => unknown) => {
    write();
    edits++;
  };
  for (const id of [...plan.titleChangedByBothOfflineLast, ...plan.titleChangedByBothOtherLast]) {
    edit(() => tasks.update(id, { title: `${id} offline` }));
  }
  for (const id of plan.differentCellsChanged) edit(() => tasks.update(id, { status: 'done' }));
  for (const id of plan.deletedThenUpdatedOffline) {
    edit(() => tasks.update(id, { status: 'doing' }));
  }
  for (const id of [...plan.deletedOfflineThenUpdated, ...plan.deletedOffline]) {
    edit(() => tasks.delete(id));
  }
  for (const [index, id] of plan.movedOffline.entries()) {
    edit(() => tasks.update(id, { position: index + 1 }));
  }
  for (const id of plan.createdOffline) edit(() => tasks.create({ id, ...newTask(id) }));
  return edits;
}

/** The other client's edits made after the offline client's (which therefore lose). */
export function editAfterTheOfflineEdits(tasks: Tasks, plan: OfflineEditPlan): void {
  for (const id of [...plan.titleChangedByBothOtherLast, ...plan.differentCellsChanged]) {
    tasks.update(id, { title: `${id} by the other client` });
  }
  for (const id of plan.deletedOfflineThenUpdated) tasks.update(id, { position: 99 });
}

/**
 * Each cell holds its latest write, whichever side made it. A delete against a later update of
 * the same row is not checked here (only that every copy agrees on it): TinyBase merges per
 * cell, so such a row comes back holding only the cells written after the delete (e.g.
 * `{ position: 99 }`, no title), and what it should become is not decided yet.
 */
export function expectLatestWritesWon(rows: TaskRows, plan: OfflineEditPlan): void {
  for (const id of plan.titleChangedByBothOfflineLast) {
    expect(rows[id]?.title).toBe(`${id} offline`);
  }
  for (const id of plan.titleChangedByBothOtherLast) {
    expect(rows[id]?.title).toBe(`${id} by the other client`);
  }
  for (const id of plan.differentCellsChanged) {
    expect(rows[id]).toMatchObject({ title: `${id} by the other client`, status: 'done' });
  }
  for (const [index, id] of plan.movedOffline.entries()) {
    expect(rows[id]?.position).toBe(index + 1);
  }
  for (const id of plan.deletedOffline) expect(rows[id]).toBeUndefined();
  for (const id of plan.createdOffline) expect(rows[id]).toEqual({ ...newTask(id), position: 0 });
}
