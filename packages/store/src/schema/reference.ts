import { z } from 'zod';

declare const referenceTarget: unique symbol;

/** A string cell holding the id of a row in another table. The target table is kept in the type. */
export type ReferenceSchema<TargetTableId extends string> = z.ZodString & {
  readonly [referenceTarget]: TargetTableId;
};

/** The runtime side of `ReferenceSchema`: zod's own registry, so `.optional()` keeps the metadata reachable. */
const referenceRegistry = z.registry<{ targetTableId: string }>();

/**
 * Declares a cell that references a row of another table by id, e.g. `ownerId: ref('users')`.
 * `defineSchema` checks that the table exists and turns every reference into a TinyBase
 * relationship named `<table>.<cell>`.
 */
export function ref<const TargetTableId extends string>(
  targetTableId: TargetTableId,
): ReferenceSchema<TargetTableId> {
  const schema = z.string().min(1, 'must reference a row id');
  referenceRegistry.add(schema, { targetTableId });
  return schema as ReferenceSchema<TargetTableId>;
}

/** The table a cell schema references, looking through `.optional()`, `.nullable()` and `.default()`. */
export function referencedTableId(schema: z.ZodType): string | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const target = referenceRegistry.get(current)?.targetTableId;
    if (target !== undefined) return target;
    current = innerSchema(current);
  }
  return undefined;
}

function innerSchema(schema: z.ZodType): z.ZodType | undefined {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault
  ) {
    return schema.unwrap() as z.ZodType;
  }
  return undefined;
}

/** Type-level twin of `referencedTableId`. */
export type ReferencedTableIdOf<CellSchema> = CellSchema extends {
  readonly [referenceTarget]: infer Target;
}
  ? Target
  : CellSchema extends z.ZodOptional<infer Inner>
    ? ReferencedTableIdOf<Inner>
    : CellSchema extends z.ZodNullable<infer Inner>
      ? ReferencedTableIdOf<Inner>
      : CellSchema extends z.ZodDefault<infer Inner>
        ? ReferencedTableIdOf<Inner>
        : never;
