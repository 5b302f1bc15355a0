/** A value built on first use; `ifBuilt` peeks without building it. */
export interface Lazy<T> {
  get(): T;
  ifBuilt(): T | undefined;
}

export function lazy<T>(build: () => T): Lazy<T> {
  let value: { readonly built: T } | undefined;
  return {
    get() {
      value ??= { built: build() };
      return value.built;
    },
    ifBuilt: () => value?.built,
  };
}
