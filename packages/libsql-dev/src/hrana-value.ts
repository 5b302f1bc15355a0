import { HranaRequestError } from './hrana-request-error.ts';
import type { HranaValue } from './hrana-types.ts';

/** A value as the libSQL engine takes and returns it (integers as bigint, blobs as Buffer). */
export type EngineValue = null | bigint | number | string | Buffer;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_INTEGER = /^-?\d+$/;

/**
 * A Hrana argument as the engine binds it. Anything but a well-formed Hrana value is refused
 * with `ARGS_INVALID` before it reaches the engine: it panics on some JavaScript values (a
 * boolean, for one), which aborts the whole process, where sqld would refuse the request.
 */
export function toEngineValue(value: unknown): EngineValue {
  const candidate = value as { type?: unknown; value?: unknown; base64?: unknown } | null;
  switch (typeof candidate === 'object' ? candidate?.type : undefined) {
    case 'null':
      return null;
    case 'integer':
      return toInt64(candidate?.value);
    case 'float':
      if (typeof candidate?.value === 'number') return candidate.value;
      break;
    case 'text':
      if (typeof candidate?.value === 'string') return candidate.value;
      break;
    case 'blob':
      if (typeof candidate?.base64 === 'string') return Buffer.from(candidate.base64, 'base64');
      break;
  }
  throw invalidArgument(`${preview(value)} is not a Hrana value`);
}

/** Integers travel as decimal strings and must fit SQLite's 64 bits, as sqld requires. */
function toInt64(text: unknown): bigint {
  if (typeof text !== 'string' || !DECIMAL_INTEGER.test(text))
    throw invalidArgument(`An integer value must be a decimal string, not ${preview(text)}`);
  const integer = BigInt(text);
  if (integer < INT64_MIN || integer > INT64_MAX)
    throw invalidArgument(`The integer ${text} does not fit in 64 bits`);
  return integer;
}

/** A refused value for an error message, cut short: it may be anything the client sent. */
function preview(value: unknown): string {
  return String(JSON.stringify(value)).slice(0, 80);
}

function invalidArgument(message: string): HranaRequestError {
  return new HranaRequestError(message, 'ARGS_INVALID');
}

/**
 * An engine value as Hrana carries it. Statements run with safe integers, so the engine gives
 * every INTEGER as a bigint and every REAL as a number: a number is a float even when it is
 * whole (`SELECT 1.0`), as sqld answers.
 */
export function toHranaValue(value: unknown): HranaValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (value instanceof Uint8Array)
    return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  throw new TypeError(`libSQL returned a value Hrana cannot carry: ${typeof value}`);
}
