import { Hono } from 'hono';
import packageJson from '../../package.json' with { type: 'json' };
import type { AppEnv } from '../app-env.js';

export const healthRoutes = new Hono<AppEnv>().get('/health', (c) =>
  c.json({ ok: true, version: packageJson.version }),
);
