import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import type { AuthenticatedAppEnv } from '../app-env.js';
import { authenticate } from '../auth/authenticate.js';
import { writableTableIds } from '../auth/store-access.js';
import { unwrap } from '../durable-object/store-result.js';
import { ApiError } from '../http/api-error.js';
import { parseRowBody } from '../http/row-body.js';
import { mirrorStatus, pullFromMirror } from './mirror.js';
import { store } from './store-stub.js';

const MAX_BODY_BYTES = 1024 * 1024;
/** Query parameters with a meaning of their own; every other one filters a cell by equality. */
const RESERVED_QUERY = new Set(['limit', 'offset', 'sortBy', 'descending', 'token']);

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  sortBy: z.string().min(1).optional(),
  descending: z.enum(['true', 'false']).optional(),
});

/**
 * The REST view of a store, for code that is not (yet) on the sync client, e.g. React Query
 * hooks mid-migration. Same sessions, tenancy, roles and validation as sync; writes reach
 * connected WebSocket clients at once, because they change the same Durable Object store.
 */
export const tableRoutes = new Hono<AuthenticatedAppEnv>()
  .use('/stores/:storeId/*', authenticate)
  .use(
    '/stores/:storeId/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError('payload_too_large', `Bodies are limited to ${MAX_BODY_BYTES} bytes`);
      },
    }),
  )
  .get('/stores/:storeId/tables/:tableId', async (c) => {
    const query = listQuery.safeParse(c.req.query());
    if (!query.success) throw new ApiError('bad_request', z.prettifyError(query.error));
    const where = Object.fromEntries(
      Object.entries(c.req.query()).filter(([name]) => !RESERVED_QUERY.has(name)),
    );
    const { limit, offset, sortBy, descending } = query.data;
    const result = await store(c).listRows(c.req.param('tableId'), {
      where,
      limit,
      offset,
      ...(sortBy === undefined ? {} : { sortBy }),
      descending: descending === 'true',
    });
    return c.json(unwrap(result));
  })
  .get('/stores/:storeId/tables/:tableId/:rowId', async (c) =>
    c.json(unwrap(await store(c).getRow(c.req.param('tableId'), c.req.param('rowId')))),
  )
  .post('/stores/:storeId/tables/:tableId', async (c) => {
    const tableId = writableTable(c);
    const body = await parseRowBody(c.req.raw, tableId);
    return c.json(unwrap(await store(c).createRow(tableId, body)), 201);
  })
  .patch('/stores/:storeId/tables/:tableId/:rowId', async (c) => {
    const tableId = writableTable(c);
    const rowId = c.req.param('rowId');
    const body = await parseRowBody(c.req.raw, tableId, rowId);
    return c.json(unwrap(await store(c).updateRow(tableId, rowId, body)));
  })
  .delete('/stores/:storeId/tables/:tableId/:rowId', async (c) => {
    unwrap(await store(c).deleteRow(writableTable(c), c.req.param('rowId')));
    return c.body(null, 204);
  })
  .get('/stores/:storeId/status', mirrorStatus)
  .post('/stores/:storeId/pull', pullFromMirror)
  .get('/stores/:storeId/snapshot', async (c) =>
    c.body(await store(c).snapshot(), 200, { 'Content-Type': 'application/json' }),
  )
  .get('/stores/:storeId/export', async (c) => {
    const { tables } = unwrap(await store(c).exportContent());
    return c.json({
      storeId: c.var.storeAccess.storeId,
      exportedAt: new Date().toISOString(),
      tables,
    });
  });

/** The table id of a write, once the session's role may write it. */
function writableTable(c: Context<AuthenticatedAppEnv>): string {
  const tableId = c.req.param('tableId') ?? '';
  const { readOnly, role } = c.var.storeAccess;
  const { schema } = c.var.config;
  if (readOnly || !(writableTableIds(schema, role) as string[]).includes(tableId)) {
    if (!Object.hasOwn(schema.rowSchemas, tableId)) {
      throw new ApiError('not_found', `No table '${tableId}'`);
    }
    throw new ApiError('read_only', `Role ${role} may not write '${tableId}'`);
  }
  return tableId;
}
