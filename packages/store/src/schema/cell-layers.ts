import type * as core from 'zod/v4/core';

/**
 * Reads cell schemas through `zod/v4/core` only (`_zod.def`, the introspection API zod documents
 * for libraries), never through classic zod's classes or methods. That keeps TinySync working
 * with schemas written in classic `zod` and in `zod/mini` alike, and keeps classic zod out of
 * the bundle of apps that use `zod/mini`.
 */

/** The wrappers a cell may carry around its value schema; each keeps it in `def.innerType`. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault']);

/** The cell schema, then each schema it wraps: `ref('users').optional()` gives the optional, then the string. */
export function* cellLayers(schema: core.$ZodType): Generator<core.$ZodType> {
  let current: core.$ZodType | undefined = schema;
  while (current !== undefined) {
    yield current;
    const def = current._zod.def as { type: string; innerType?: core.$ZodType };
    current = WRAPPERS.has(def.type) ? def.innerType : undefined;
  }
}

/** The value schema inside the optional/nullable/default wrappers. */
export function innermostLayer(schema: core.$ZodType): core.$ZodType {
  let innermost = schema;
  for (const layer of cellLayers(schema)) innermost = layer;
  return innermost;
}

/** The fields of a number check's `def` that tell whether it only allows whole numbers. */
interface NumberCheckDef {
  readonly check?: string;
  readonly format?: string;
  readonly value?: unknown;
}

/** Whether a number cell only takes whole numbers: `z.int()`, `z.number().int()`, `.multipleOf(1)`. */
export function isWholeNumber(schema: core.$ZodType): boolean {
  const { def } = innermostLayer(schema)._zod;
  if (def.type !== 'number') return false;
  // `z.int()` is its own format check; `z.number().int()` adds one to `def.checks`.
  const checkDefs = [def, ...(def.checks ?? []).map((check) => check._zod.def)] as NumberCheckDef[];
  return checkDefs.some(({ check, format, value }) =>
    check === 'number_format'
      ? (format?.includes('int') ?? false)
      : check === 'multiple_of' && Number.isSafeInteger(value),
  );
}
