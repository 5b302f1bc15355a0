import { createHooks } from '@tinysync/react';
import { appSchema } from '@tinysync/store';

/** The typed hooks for the demo's schema, generated once. */
export const { useProjects, useTasks, useCreateTask, useUsers } = createHooks(appSchema);
