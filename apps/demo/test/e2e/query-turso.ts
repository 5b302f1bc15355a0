interface HranaValue {
  readonly type: string;
  readonly value?: string;
}

interface PipelineResponse {
  readonly results: readonly (
    | { type: 'ok'; response: { result: { cols: { name: string }[]; rows: HranaValue[][] } } }
    | { type: 'error'; error: { message: string } }
  )[];
}

/**
 * Runs one query on a libSQL server over Turso's HTTP protocol (Hrana pipeline), as any other
 * service reading the database of record would; rows come back as objects of strings.
 */
export async function queryTurso(
  url: string,
  sql: string,
): Promise<Record<string, string | null>[]> {
  const response = await fetch(`${url}/v2/pipeline`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ requests: [{ type: 'execute', stmt: { sql } }, { type: 'close' }] }),
  });
  if (!response.ok) throw new Error(`libSQL answered ${response.status}`);
  const [first] = ((await response.json()) as PipelineResponse).results;
  if (first === undefined || first.type === 'error') {
    throw new Error(`query failed: ${first?.type === 'error' ? first.error.message : 'no result'}`);
  }
  const { cols, rows } = first.response.result;
  return rows.map((row) =>
    Object.fromEntries(cols.map((col, index) => [col.name, row[index]?.value ?? null])),
  );
}
