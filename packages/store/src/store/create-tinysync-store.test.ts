import { describe, expect, it, vi } from 'vitest';
import { appSchema } from '../app-schema.js';
import {
  RowExistsError,
  RowNotFoundError,
  StoreDestroyedError,
  ValidationError,
} from '../errors.js';
import { memoryPersister } from '../persistence/memory-persister.js';
import { createTinySyncStore } from './create-tinysync-store.js';

const newStore = () => createTinySyncStore(appSchema, { onWarning: vi.fn() });

describe('table operations', () => {
  it('creates a row with a generated id and the schema defaults', () => {
    const app = newStore();
    const before = Date.now();
    const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    expect(ada.id).toMatch(/.{8,}/);
    expect(ada).toMatchObject({ name: 'Ada', email: 'ada@example.com', role: 'member' });
    expect(ada.createdAt).toBeGreaterThanOrEqual(before);
    expect(app.store.getRow('users', ada.id)).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      role: 'member',
      createdAt: ada.createdAt,
    });
  });

  it('keeps a given id and refuses to overwrite an existing row', () => {
    const app = newStore();
    app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    expect(() =>
      app.tables.users.create({ id: 'u1', name: 'Eve', email: 'eve@example.com' }),
    ).toThrow(RowExistsError);
    expect(app.tables.users.get('u1')?.name).toBe('Ada');
  });

  it('refuses an invalid row, lists every bad field and writes nothing', () => {
    const app = newStore();
    const content = JSON.stringify(app.store.getMergeableContent());
    let error: unknown;
    try {
      app.tables.users.create({
        name: '',
        email: 'not-an-email',
        // @ts-expect-error the enum does not have this role
        role: 'boss',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((issue) => issue.cellId).sort()).toEqual(['email', 'name', 'role']);
    expect((error as ValidationError).code).toBe('validation_failed');
    expect(JSON.stringify(app.store.getMergeableContent())).toBe(content);
  });

  it('refuses unknown cells', () => {
    const app = newStore();
    expect(() =>
      // @ts-expect-error 'age' is not a cell of users
      app.tables.users.create({ name: 'Ada', email: 'ada@example.com', age: 3 }),
    ).toThrow(/unknown cell 'age'/);
    expect(app.tables.users.count()).toBe(0);
  });

  it('updates part of a row, validating it as a whole', () => {
    const app = newStore();
    const ada = app.tables.users.create({
      name: 'Ada',
      email: 'ada@example.com',
      avatarUrl: 'a.png',
    });
    const updated = app.tables.users.update(ada.id, { role: 'admin', avatarUrl: undefined });
    expect(updated.role).toBe('admin');
    expect(updated).not.toHaveProperty('avatarUrl');
    expect(() => app.tables.users.update(ada.id, { email: 'nope' })).toThrow(ValidationError);
    expect(app.tables.users.get(ada.id)?.email).toBe('ada@example.com');
  });

  it('refuses to clear a required cell', () => {
    const app = newStore();
    const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    expect(() =>
      // @ts-expect-error name is required, so undefined is not a value for it
      app.tables.users.update(ada.id, { name: undefined }),
    ).toThrow(ValidationError);
    expect(app.tables.users.get(ada.id)?.name).toBe('Ada');
  });

  it('deletes rows and reports missing ones', () => {
    const app = newStore();
    const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    app.tables.users.delete(ada.id);
    expect(app.tables.users.get(ada.id)).toBeUndefined();
    expect(() => app.tables.users.delete(ada.id)).toThrow(RowNotFoundError);
    expect(() => app.tables.users.update('missing', { name: 'x' })).toThrow(RowNotFoundError);
  });

  it('lists with filter, sort, offset and limit', () => {
    const app = newStore();
    for (const [name, role] of [
      ['Cy', 'member'],
      ['Ada', 'admin'],
      ['Bo', 'member'],
      ['Di', 'member'],
    ] as const) {
      app.tables.users.create({ name, email: `${name.toLowerCase()}@example.com`, role });
    }
    const names = (rows: { name: string }[]) => rows.map((row) => row.name);
    expect(names(app.tables.users.list({ sortBy: 'name' }))).toEqual(['Ada', 'Bo', 'Cy', 'Di']);
    expect(names(app.tables.users.list({ sortBy: 'name', descending: true, limit: 2 }))).toEqual([
      'Di',
      'Cy',
    ]);
    expect(
      names(app.tables.users.list({ where: { role: 'member' }, sortBy: 'name', offset: 1 })),
    ).toEqual(['Bo', 'Cy', 'Di'].slice(1));
    expect(names(app.tables.users.list({ where: (user) => user.name.startsWith('D') }))).toEqual([
      'Di',
    ]);
    expect(app.tables.users.count()).toBe(4);
  });

  it('answers equality filters from a schema index with the same rows as a table scan', () => {
    const app = newStore();
    const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    const project = app.tables.projects.create({ name: 'P', ownerId: ada.id });
    for (const [index, status] of ['done', 'todo', 'todo', 'doing', 'todo'].entries()) {
      app.tables.tasks.create({
        id: `t${index}`,
        title: `T${index}`,
        projectId: project.id,
        status: status as 'todo',
        position: 10 - index,
      });
    }
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
    const scanned = app.tables.tasks.list({ where: { status: 'todo' }, sortBy: 'position' });
    expect(app.indexes.getSliceRowIds('tasksByStatus', 'todo')).toHaveLength(3); // builds them
    const viaIndex = app.tables.tasks.list({ where: { status: 'todo' }, sortBy: 'position' });
    expect(viaIndex).toEqual(scanned);
    const viaScan = app.tables.tasks.list({
      where: (task) => task.status === 'todo',
      sortBy: 'position',
    });
    expect(ids(viaIndex)).toEqual(['t4', 't2', 't1']);
    expect(ids(viaIndex)).toEqual(ids(viaScan));
    expect(
      ids(
        app.tables.tasks.list({ where: { status: 'todo' }, sortBy: 'position', descending: true }),
      ),
    ).toEqual(['t1', 't2', 't4']);
    expect(
      ids(app.tables.tasks.list({ where: { status: 'todo', title: 'T2' }, sortBy: 'position' })),
    ).toEqual(['t2']);
  });

  it('checks that references name a row id', () => {
    const app = newStore();
    expect(() => app.tables.projects.create({ name: 'P', ownerId: '' })).toThrow(ValidationError);
  });
});

describe('batches and undo', () => {
  it('runs a batch as one transaction: a failure rolls every write back', () => {
    const app = newStore();
    app.tables.users.create({ id: 'u0', name: 'Zed', email: 'zed@example.com' });
    const content = JSON.stringify(app.store.getMergeableContent());
    expect(() =>
      app.batch(() => {
        app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
        app.tables.users.update('u0', { name: 'Zed 2' });
        app.tables.users.create({ name: 'Bad', email: 'bad' });
      }),
    ).toThrow(ValidationError);
    expect(JSON.stringify(app.store.getMergeableContent())).toBe(content);
    expect(app.history.getState().undoLabel).toBe('create users');
  });

  it('undoes and redoes a whole batch as one step', () => {
    const app = newStore();
    const owner = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    app.batch(() => {
      const project = app.tables.projects.create({ id: 'p1', name: 'Apollo', ownerId: owner.id });
      app.tables.tasks.create({ id: 't1', title: 'Launch', projectId: project.id });
      app.tables.tasks.create({ id: 't2', title: 'Land', projectId: project.id });
    }, 'set up project');
    expect(app.history.getState()).toMatchObject({ canUndo: true, undoLabel: 'set up project' });
    expect(app.undo()).toBe(true);
    expect(app.store.getRowIds('tasks')).toEqual([]);
    expect(app.store.getRowIds('projects')).toEqual([]);
    expect(app.store.getRowIds('users')).toEqual([owner.id]);
    expect(app.history.getState()).toMatchObject({ canRedo: true, redoLabel: 'set up project' });
    expect(app.redo()).toBe(true);
    expect(app.store.getRowIds('tasks').sort()).toEqual(['t1', 't2']);
    expect(app.tables.projects.get('p1')?.name).toBe('Apollo');
  });

  it('undoes an update and a delete', () => {
    const app = newStore();
    const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    app.tables.users.update(ada.id, { name: 'Ada L.' });
    app.tables.users.delete(ada.id);
    app.undo();
    expect(app.tables.users.get(ada.id)?.name).toBe('Ada L.');
    app.undo();
    expect(app.tables.users.get(ada.id)?.name).toBe('Ada');
    app.undo();
    expect(app.tables.users.get(ada.id)).toBeUndefined();
    expect(app.undo()).toBe(false);
  });

  it('never undoes a change merged from another client', () => {
    const mine = newStore();
    const theirs = newStore();
    mine.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    theirs.store.merge(mine.store);
    theirs.tables.users.create({ id: 'u2', name: 'Bo', email: 'bo@example.com' });
    theirs.tables.users.update('u1', { role: 'admin' });
    mine.store.merge(theirs.store);
    expect(mine.history.getState().undoLabel).toBe('create users');

    mine.undo();
    expect(mine.tables.users.get('u2')?.name).toBe('Bo');
    // u1 is reverted cell by cell; the role a teammate set after us stays theirs.
    expect(mine.tables.users.get('u1')).toEqual({ id: 'u1', role: 'admin' });
  });

  it('leaves a cell alone when someone changed it after us', () => {
    const mine = newStore();
    const theirs = newStore();
    mine.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    mine.tables.users.update('u1', { name: 'Mine' });
    theirs.store.merge(mine.store);
    theirs.tables.users.update('u1', { name: 'Theirs' });
    mine.store.merge(theirs.store);
    mine.undo();
    expect(mine.tables.users.get('u1')?.name).toBe('Theirs');
  });
});

describe('raw store writes', () => {
  it('drops a raw write that breaks the schema and reports it', () => {
    const onWarning = vi.fn();
    const app = createTinySyncStore(appSchema, { onWarning });
    app.store.setRow('users', 'u1', {
      name: 'Ada',
      email: 'ada@example.com',
      role: 'member',
      createdAt: 1,
    });
    // @ts-expect-error the typed store refuses the wrong type at compile time too
    app.store.setCell('users', 'u1', 'createdAt', 'yesterday');
    app.store.setCell('users', 'u1', 'email', 'nope');
    expect(app.store.getRow('users', 'u1')).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      role: 'member',
      createdAt: 1,
    });
    expect(onWarning).toHaveBeenCalledWith(expect.any(ValidationError));
    app.store.delRow('users', 'u1');
    expect(app.store.hasRow('users', 'u1')).toBe(false);
  });

  it('refuses a raw row with a missing required cell', () => {
    const app = newStore();
    app.store.setRow('users', 'u1', { name: 'Ada' });
    expect(app.store.hasRow('users', 'u1')).toBe(false);
  });
});

describe('indexes and relationships', () => {
  it('derives indexes and reference relationships from the schema', () => {
    const app = newStore();
    const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    const project = app.tables.projects.create({ name: 'Apollo', ownerId: ada.id });
    app.tables.tasks.create({ id: 'b', title: 'B', projectId: project.id, position: 2 });
    app.tables.tasks.create({ id: 'a', title: 'A', projectId: project.id, position: 1 });
    app.tables.tasks.create({
      id: 'c',
      title: 'C',
      projectId: project.id,
      position: 3,
      status: 'done',
    });
    expect(app.indexes.getSliceRowIds('tasksByProject', project.id)).toEqual(['a', 'b', 'c']);
    expect(app.indexes.getSliceRowIds('tasksByStatus', 'todo')).toEqual(['a', 'b']);
    expect(app.relationships.getRemoteRowId('tasks.projectId', 'a')).toBe(project.id);
    expect(app.relationships.getLocalRowIds('projects.ownerId', ada.id)).toEqual([project.id]);
  });
});

describe('lifecycle', () => {
  it('is ready at once without a persister and refuses use after destroy', async () => {
    const app = newStore();
    expect(app.isReady()).toBe(true);
    await app.ready;
    expect(app.persistence()).toBe('memory');
    await app.destroy();
    expect(() => app.tables.users.list()).toThrow(StoreDestroyedError);
  });
});

describe('onLocalChange', () => {
  it('fires for this replica’s own writes, never for merged ones', () => {
    const mine = newStore();
    const theirs = newStore();
    const changes = vi.fn();
    mine.onLocalChange(changes);
    mine.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    mine.store.setCell('users', 'u1', 'name', 'Ada L.');
    mine.undo();
    expect(changes).toHaveBeenCalledTimes(3);
    theirs.tables.users.create({ id: 'u2', name: 'Bo', email: 'bo@example.com' });
    mine.store.merge(theirs.store);
    expect(mine.tables.users.get('u2')).toBeDefined();
    expect(changes).toHaveBeenCalledTimes(3);
    mine.tables.users.update('u2', { name: 'Bo' }); // changes nothing
    expect(changes).toHaveBeenCalledTimes(3);
  });
});

describe('mergeContent', () => {
  const replicaWithUsers = (count: number) => {
    const replica = newStore();
    for (let index = 0; index < count; index++) {
      replica.tables.users.create({ id: `u${index}`, name: `U${index}`, email: `u${index}@x.io` });
    }
    replica.tables.users.delete('u0');
    return replica;
  };

  it('takes another replica’s content into an empty store as it is, not as a local change', () => {
    const replica = replicaWithUsers(3);
    const app = newStore();
    const localChanges = vi.fn();
    app.onLocalChange(localChanges);
    app.mergeContent(replica.store.getMergeableContent());
    expect(app.store.getMergeableContent()).toEqual(replica.store.getMergeableContent());
    expect(localChanges).not.toHaveBeenCalled();
    expect(app.history.getState().canUndo).toBe(false);
  });

  it('merges into a store that has content, keeping the newer stamp of each cell', () => {
    const replica = replicaWithUsers(3);
    const app = newStore();
    app.mergeContent(replica.store.getMergeableContent());
    app.tables.users.update('u1', { name: 'mine, later' });
    app.tables.users.create({ id: 'local', name: 'Local', email: 'local@x.io' });
    app.mergeContent(replica.store.getMergeableContent());
    expect(app.tables.users.get('u1')?.name).toBe('mine, later');
    expect(app.store.getRowIds('users').sort()).toEqual(['local', 'u1', 'u2']);
  });

  it('guards raw writes again once the merge is done', () => {
    const onWarning = vi.fn();
    const app = createTinySyncStore(appSchema, { onWarning });
    app.mergeContent(replicaWithUsers(2).store.getMergeableContent());
    app.store.setCell('users', 'u1', 'email', 'not an email');
    expect(app.store.getCell('users', 'u1', 'email')).toBe('u1@x.io');
    expect(onWarning).toHaveBeenCalledWith(expect.any(ValidationError));
  });

  it('saves the merged content locally in the next task, so a reload has it', async () => {
    const storage = new Map();
    const app = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'k') });
    await app.ready;
    const replica = replicaWithUsers(3);
    app.mergeContent(replica.store.getMergeableContent());
    expect(storage.get('k')?.[0][0].users).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await vi.waitFor(() => expect(storage.get('k')?.[0][0].users).toBeDefined());
    // Writes after the merge are saved as they happen again.
    app.tables.users.update('u1', { name: 'after' });
    await vi.waitFor(() => expect(storage.get('k')?.[0][0].users[0].u1[0].name[0]).toBe('after'));

    const reloaded = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'k') });
    await reloaded.ready;
    expect(reloaded.store.getRowIds('users').sort()).toEqual(['u1', 'u2']);
    await app.destroy();
    await reloaded.destroy();
  });
});

describe('raw cell deletes', () => {
  it('refuses deleting a required cell on its own, and allows an optional one', () => {
    const onWarning = vi.fn();
    const app = createTinySyncStore(appSchema, { onWarning });
    app.tables.users.create({
      id: 'u1',
      name: 'Ada',
      email: 'ada@example.com',
      avatarUrl: 'a.png',
    });
    app.store.delCell('users', 'u1', 'email');
    app.store.delCell('users', 'u1', 'avatarUrl');
    expect(app.store.getCell('users', 'u1', 'email')).toBe('ada@example.com');
    expect(app.store.hasCell('users', 'u1', 'avatarUrl')).toBe(false);
    expect(onWarning).toHaveBeenCalledTimes(1);
  });
});
