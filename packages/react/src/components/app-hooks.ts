import { appSchema } from '@tinysync/store';
import { createHooks } from '../create-hooks.js';

/** The kit is built for the example app schema (users, projects, tasks). */
export const {
  useUsers,
  useUser,
  useCreateUser,
  useUpdateUser,
  useDeleteUser,
  useProjects,
  useCreateProject,
  useTasks,
  useUpdateTask,
} = createHooks(appSchema);
