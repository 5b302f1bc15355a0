const STATUSES = ['todo', 'doing', 'done'] as const;

/** The cells of the burst's row number `index`: a valid task, different from every other. */
export function burstTask(index: number) {
  return {
    title: `Task ${index}`,
    status: STATUSES[index % STATUSES.length] ?? 'todo',
    projectId: `p${index % 50}`,
    position: index,
  };
}

export const burstTaskId = (index: number) => `t${index}`;
