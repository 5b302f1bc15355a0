import { createMergeableStore } from 'tinybase';
import { describe, expect, it } from 'vitest';
import { parseMergeableContent, stringifyMergeableContent } from './mergeable-json.js';

describe('mergeable content as JSON', () => {
  it('round-trips content whose cells, rows, tables and values were deleted', () => {
    const store = createMergeableStore('a');
    store.setRow('users', 'kept', { name: 'Ada', nickname: 'A', note: null });
    store.setRow('users', 'gone', { name: 'Bo' });
    store.delRow('users', 'gone');
    store.delCell('users', 'kept', 'nickname');
    store.setTable('drafts', { d1: { title: 'x' } });
    store.delTable('drafts');
    store.setValues({ theme: 'dark', gone: 1 });
    store.delValue('gone');

    const content = store.getMergeableContent();
    const reloaded = createMergeableStore('b');
    reloaded.setMergeableContent(parseMergeableContent(stringifyMergeableContent(content)));

    // A deletion must come back as a deletion, not as a cell holding null (a real value).
    expect(reloaded.getTables()).toEqual({ users: { kept: { name: 'Ada', note: null } } });
    expect(reloaded.getValues()).toEqual({ theme: 'dark' });
    expect(reloaded.getMergeableContent()).toEqual(store.getMergeableContent());
  });
});
