import * as z from 'zod';

/**
 * TinySync's one form for dates and times: a moment as milliseconds since the Unix epoch (UTC),
 * e.g. `dueAt: timestamp().optional()` or `createdAt: timestamp().default(Date.now)`. Rows hold
 * a `number`: write `Date.now()` or `date.getTime()`, read `new Date(row.dueAt)`, convert an API's
 * ISO text with `Date.parse(text)`. A number rather than a `Date` because TinyBase cells hold
 * JSON values only; rather than ISO text because numbers sort and compare the same everywhere
 * (indexes, `sortBy`, SQL), whatever time zone a writer used. Mirrored to Turso as INTEGER.
 * For `zod/mini` schemas, `timestamp` from `@tinysync/store/zod-mini`.
 */
export function timestamp(): z.ZodInt {
  return z.int().nonnegative();
}
