import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appSchema } from '../app-schema.js';
import { defineSchema } from './define-schema.js';
import { includableReferences, includedRowName } from './included-rows.js';
import { ref } from './reference.js';

describe('includedRowName', () => {
  it('drops an Id or _id suffix', () => {
    expect(includedRowName('assigneeId', ['assigneeId'])).toBe('assignee');
    expect(includedRowName('owner_id', ['owner_id'])).toBe('owner');
  });

  it('falls back to <cell>Row when the stripped name is missing, taken or reserved', () => {
    expect(includedRowName('owner', ['owner'])).toBe('ownerRow');
    expect(includedRowName('authorId', ['authorId', 'author'])).toBe('authorIdRow');
    expect(includedRowName('idId', ['idId'])).toBe('idIdRow');
    expect(includedRowName('Id', ['Id'])).toBe('IdRow');
    expect(includedRowName('owner', ['owner', 'ownerRow'])).toBeUndefined();
  });
});

describe('includableReferences', () => {
  it("lists a table's own references by nested name", () => {
    expect([...includableReferences(appSchema, 'tasks').values()]).toEqual([
      { name: 'project', cellId: 'projectId', targetTableId: 'projects' },
      { name: 'assignee', cellId: 'assigneeId', targetTableId: 'users' },
    ]);
    expect(includableReferences(appSchema, 'users').size).toBe(0);
  });

  it('leaves out a reference whose every name is a cell', () => {
    const schema = defineSchema({
      tables: {
        users: { cells: { name: z.string() } },
        posts: { cells: { owner: ref('users'), ownerRow: z.string() } },
      },
    });
    expect(includableReferences(schema, 'posts').size).toBe(0);
  });
});
