import { describe, expect, it, vi } from 'vitest';
import { appSchema } from '../app-schema.js';
import { createTinySyncStore } from './create-tinysync-store.js';

const newStore = (undoLimit?: number) =>
  createTinySyncStore(appSchema, { onWarning: vi.fn(), ...(undoLimit ? { undoLimit } : {}) });

describe('undo history', () => {
  it('notifies subscribers and exposes a stable snapshot between changes', () => {
    const app = newStore();
    const listener = vi.fn();
    const unsubscribe = app.history.subscribe(listener);
    const initial = app.history.getState();
    expect(initial).toEqual({
      canUndo: false,
      canRedo: false,
      undoLabel: undefined,
      redoLabel: undefined,
    });
    expect(app.history.getState()).toBe(initial);

    app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(app.history.getState()).toMatchObject({ canUndo: true, undoLabel: 'create users' });

    app.undo();
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    app.redo();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('forgets the oldest steps past its limit', () => {
    const app = newStore(2);
    for (const name of ['A', 'B', 'C']) {
      app.tables.users.create({ id: name, name, email: `${name}@example.com` });
    }
    expect(app.undo()).toBe(true);
    expect(app.undo()).toBe(true);
    expect(app.undo()).toBe(false);
    expect(app.store.getRowIds('users')).toEqual(['A']);
  });

  it('drops the redo steps when a new write is made', () => {
    const app = newStore();
    app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    app.undo();
    app.tables.users.create({ id: 'u2', name: 'Bo', email: 'bo@example.com' });
    expect(app.redo()).toBe(false);
    expect(app.store.getRowIds('users')).toEqual(['u2']);
  });

  it('does not record refused writes or writes that change nothing', () => {
    const app = newStore();
    expect(() => app.tables.users.create({ name: '', email: 'x' })).toThrow();
    app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    app.history.clear();
    app.tables.users.update('u1', { name: 'Ada' });
    expect(app.history.getState().canUndo).toBe(false);
  });

  it('clear() empties both stacks', () => {
    const app = newStore();
    app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    app.undo();
    app.history.clear();
    expect(app.history.getState()).toMatchObject({ canUndo: false, canRedo: false });
  });
});

describe('queries', () => {
  it('runs TinyBase queries over the typed store', () => {
    const app = newStore();
    app.tables.users.create({ id: 'a', name: 'Ada', email: 'ada@example.com', role: 'admin' });
    app.tables.users.create({ id: 'b', name: 'Bo', email: 'bo@example.com' });
    app.queries.setQueryDefinition('admins', 'users', ({ select, where }) => {
      select('name');
      where('role', 'admin');
    });
    expect(app.queries.getResultTable('admins')).toEqual({ a: { name: 'Ada' } });
  });
});
