import type { TablesSchema } from 'tinybase';

/** A list request as it arrives over HTTP: filter values are still strings. */
export interface RowQuery {
  readonly where?: Readonly<Record<string, string>>;
  readonly sortBy?: string;
  readonly descending?: boolean;
  readonly offset?: number;
  readonly limit?: number;
}

export type CellFilter = Record<string, string | number | boolean>;

/**
 * Turns query-string filters into typed cell values (`?role=admin`, `?position=2`,
 * `?done=true`); a string is the reason the query is not valid for the table.
 */
export function typedFilter(
  tablesSchema: TablesSchema,
  tableId: string,
  where: Readonly<Record<string, string>>,
): CellFilter | string {
  const cellTypes = tablesSchema[tableId] ?? {};
  const filter: CellFilter = {};
  for (const [cellId, text] of Object.entries(where)) {
    if (!Object.hasOwn(cellTypes, cellId)) return `unknown cell '${cellId}'`;
    const type = cellTypes[cellId]?.type;
    if (type === 'number') {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) return `'${cellId}' must be a number`;
      filter[cellId] = number;
    } else if (type === 'boolean') {
      if (text !== 'true' && text !== 'false') return `'${cellId}' must be true or false`;
      filter[cellId] = text === 'true';
    } else {
      filter[cellId] = text;
    }
  }
  return filter;
}
