import { DELETED_ON_THE_WIRE, type Stamp } from '@tinysync/store/protocol';

/** JSON as TinyBase's protocol writes it: a deleted cell's `undefined` survives. */
export function toWireJson(message: unknown): string {
  return JSON.stringify(message, (_key, value) =>
    value === undefined ? DELETED_ON_THE_WIRE : value,
  );
}

export function isStamp(value: unknown): value is Stamp {
  return (
    Array.isArray(value) &&
    (value.length === 1 || (value.length === 2 && typeof value[1] === 'string'))
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The entries of a stamp's object, none when it is not one. */
export function ownEntries(value: unknown): [string, unknown][] {
  return isPlainObject(value) ? Object.entries(value) : [];
}

/** Sets a property even when its name is `__proto__`, without touching the prototype. */
export function define<Value = Stamp>(
  target: Record<string, Value>,
  key: string,
  value: Value,
): Value {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return value;
}
