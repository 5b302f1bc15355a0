import { describe, expect, it, vi } from 'vitest';
import { lazy } from './lazy.js';

describe('lazy', () => {
  it('builds once, on first get, and lets callers peek without building', () => {
    const build = vi.fn(() => ({ built: true }));
    const value = lazy(build);
    expect(value.ifBuilt()).toBeUndefined();
    expect(build).not.toHaveBeenCalled();
    const first = value.get();
    expect(value.get()).toBe(first);
    expect(value.ifBuilt()).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
