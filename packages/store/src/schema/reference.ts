import * as z from 'zod';
import { markReference, type ReferenceTo } from './reference-registry.js';

/** A string cell holding the id of a row in another table. The target table is kept in the type. */
export type ReferenceSchema<TargetTableId extends string> = z.ZodString &
  ReferenceTo<TargetTableId>;

/**
 * Declares a cell that references a row of another table by id, e.g. `ownerId: ref('users')`,
 * as a classic zod string (so `ref('users').optional()` works). `defineSchema` checks that the
 * table exists and turns every reference into a TinyBase relationship named `<table>.<cell>`.
 * Apps that write their schema in `zod/mini` import `ref` from `@tinysync/store/zod-mini`
 * instead, so classic zod stays out of their bundle.
 */
export function ref<const TargetTableId extends string>(
  targetTableId: TargetTableId,
): ReferenceSchema<TargetTableId> {
  return markReference(z.string().min(1, 'must reference a row id'), targetTableId);
}
