import { describe, expect, it } from 'vitest';
import { appSchema } from '../app-schema.js';
import { createTinySyncStore } from './create-tinysync-store.js';
import { isEmpty } from './is-empty.js';

describe('isEmpty', () => {
  it('is true only for a store that never had content (a tombstone is content)', () => {
    const { store } = createTinySyncStore(appSchema, { onWarning: () => undefined });
    expect(isEmpty(store)).toBe(true);
    store.setRow('users', 'u1', {
      name: 'U1',
      email: 'u1@example.com',
      role: 'member',
      createdAt: 1,
    });
    store.delRow('users', 'u1');
    expect(isEmpty(store)).toBe(false);
  });
});
