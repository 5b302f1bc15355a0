import * as core from 'zod/v4/core';
import { cellLayers } from './cell-layers.js';

declare const referenceTarget: unique symbol;

/** Type-level mark of a reference cell: the target table id, kept for compile-time checks. */
export interface ReferenceTo<TargetTableId extends string> {
  readonly [referenceTarget]: TargetTableId;
}

/**
 * The runtime side of `ReferenceTo`. A zod registry rather than a property on the schema, so it
 * works for classic and mini schemas alike and stays on the string when the cell is wrapped
 * (`.optional()` makes a new schema around it).
 */
const referenceRegistry = core.registry<{ targetTableId: string }>();

/** Marks a string schema as a reference to `targetTableId`; `ref()` builds on it for each zod flavour. */
export function markReference<Schema extends core.$ZodType, const TargetTableId extends string>(
  schema: Schema,
  targetTableId: TargetTableId,
): Schema & ReferenceTo<TargetTableId> {
  referenceRegistry.add(schema, { targetTableId });
  return schema as Schema & ReferenceTo<TargetTableId>;
}

/** The table a cell schema references, looking through `.optional()`, `.nullable()` and `.default()`. */
export function referencedTableId(schema: core.$ZodType): string | undefined {
  for (const layer of cellLayers(schema)) {
    const target = referenceRegistry.get(layer)?.targetTableId;
    if (target !== undefined) return target;
  }
  return undefined;
}

/** Type-level twin of `referencedTableId`. */
export type ReferencedTableIdOf<CellSchema> =
  CellSchema extends ReferenceTo<infer Target>
    ? Target
    : CellSchema extends core.$ZodOptional<infer Inner>
      ? ReferencedTableIdOf<Inner>
      : CellSchema extends core.$ZodNullable<infer Inner>
        ? ReferencedTableIdOf<Inner>
        : CellSchema extends core.$ZodDefault<infer Inner>
          ? ReferencedTableIdOf<Inner>
          : never;
