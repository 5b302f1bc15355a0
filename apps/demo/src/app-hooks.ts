import { createHooks } from '@tinysync/react';
import { schema } from './schema.ts';

/** The typed hooks for the demo's schema, generated once. */
export const { useProjects, useTasks, useCreateTask, useUsers } = createHooks(schema);
