import type { HranaValue } from './hrana-types.ts';

/** A value as the libSQL engine takes and returns it (integers as bigint, blobs as Buffer). */
export type EngineValue = null | bigint | number | string | Buffer;

export function toEngineValue(value: HranaValue): EngineValue {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(value.value);
    case 'float':
      return value.value;
    case 'text':
      return value.value;
    case 'blob':
      return Buffer.from(value.base64, 'base64');
  }
}

export function toHranaValue(value: unknown): HranaValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { type: 'integer', value: String(value) }
      : { type: 'float', value };
  }
  if (typeof value === 'string') return { type: 'text', value };
  if (value instanceof Uint8Array)
    return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  throw new TypeError(`libSQL returned a value Hrana cannot carry: ${typeof value}`);
}
