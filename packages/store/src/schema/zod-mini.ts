/**
 * `@tinysync/store/zod-mini`: what a schema written with `zod/mini` needs from TinySync besides
 * `defineSchema`: the helpers that build a schema (`ref`, `timestamp`), built with `zod/mini`.
 */
import {
  int,
  minLength,
  nonnegative,
  string,
  type ZodMiniNumberFormat,
  type ZodMiniString,
} from 'zod/mini';
import { markReference, type ReferenceTo } from './reference-registry.js';

/** A `zod/mini` string cell holding the id of a row in another table. */
export type MiniReferenceSchema<TargetTableId extends string> = ZodMiniString<string> &
  ReferenceTo<TargetTableId>;

/**
 * Declares a cell that references a row of another table by id, e.g. `ownerId: ref('users')`
 * (optional: `z.optional(ref('users'))`), as a `zod/mini` string.
 */
export function ref<const TargetTableId extends string>(
  targetTableId: TargetTableId,
): MiniReferenceSchema<TargetTableId> {
  return markReference(string().check(minLength(1, 'must reference a row id')), targetTableId);
}

/**
 * A moment as milliseconds since the Unix epoch, TinySync's one form for dates (see `timestamp`
 * in `@tinysync/store`), as a `zod/mini` whole number.
 */
export function timestamp(): ZodMiniNumberFormat {
  return int().check(nonnegative());
}
