import * as z from 'zod';
import { defineSchema } from './schema/define-schema.js';
import { ref } from './schema/reference.js';

const now = () => Date.now();
const timestamp = z.number().int().nonnegative();

/**
 * The example schema of a small team workspace: users, their projects, and the projects'
 * tasks. The demo app, the stories and the other packages' tests build on it.
 */
export const appSchema = defineSchema({
  tables: {
    users: {
      cells: {
        name: z.string().trim().min(1, 'name is required'),
        email: z.email('must be an email address'),
        role: z.enum(['admin', 'member', 'viewer']).default('member'),
        avatarUrl: z.string().optional(),
        createdAt: timestamp.default(now),
      },
      indexes: { usersByRole: { on: 'role', sortBy: 'name' } },
    },
    projects: {
      cells: {
        name: z.string().trim().min(1, 'name is required'),
        ownerId: ref('users'),
        createdAt: timestamp.default(now),
      },
      indexes: { projectsByOwner: { on: 'ownerId', sortBy: 'name' } },
    },
    tasks: {
      cells: {
        title: z.string().trim().min(1, 'title is required'),
        status: z.enum(['todo', 'doing', 'done']).default('todo'),
        projectId: ref('projects'),
        assigneeId: ref('users').optional(),
        position: z.number().default(0),
      },
      indexes: {
        tasksByProject: { on: 'projectId', sortBy: 'position' },
        tasksByStatus: { on: 'status', sortBy: 'position' },
      },
    },
  },
});

export type AppSchema = typeof appSchema;
