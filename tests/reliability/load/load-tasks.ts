/**
 * The rows the load scenarios write: one new task per write, its id naming the store, the
 * writer and the write, so that any row found in the wrong store or missing is named exactly.
 */
export function loadTaskId(storeId: string, writer: number, sequence: number): string {
  return `${storeId}-c${writer}-w${sequence}`;
}

export function loadTask(storeId: string, writer: number, sequence: number) {
  return {
    title: `Write ${sequence} of client ${writer} in ${storeId}`,
    status: (['todo', 'doing', 'done'] as const)[sequence % 3] as string,
    projectId: `p${writer}`,
    position: sequence,
  };
}

/** The tasks table a store must hold once `writers` clients made `writesEach` writes each. */
export function expectedLoadTasks(storeId: string, writers: number, writesEach: number) {
  const rows: Record<string, Record<string, string | number>> = {};
  for (let writer = 0; writer < writers; writer++) {
    for (let sequence = 0; sequence < writesEach; sequence++) {
      rows[loadTaskId(storeId, writer, sequence)] = loadTask(storeId, writer, sequence);
    }
  }
  return rows;
}
