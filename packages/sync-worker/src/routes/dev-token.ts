import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../app-env.js';
import { assertDevAuthIsLocal } from '../auth/configuration-guard.js';
import { signDevToken } from '../auth/sign-dev-token.js';
import { ApiError } from '../http/api-error.js';
import { listFromEnv } from '../http/middleware.js';
import { parseJsonBody } from '../http/parse-json-body.js';

// Ids become store ids (`org_<id>`, `user_<id>`), so they use the same characters.
const id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, '_' and '-' only");

const devTokenRequest = z
  .strictObject({
    sub: id,
    org: id.optional(),
    /** `org:admin` or `admin`; custom Clerk roles look like `org:billing_manager`. */
    role: z
      .string()
      .regex(/^(?:org:)?[A-Za-z0-9_-]+$/, 'a role such as org:admin')
      .optional(),
    /** Seconds; at most a day, dev tokens should not outlive a working session. */
    ttl: z.number().int().positive().max(86_400).optional(),
  })
  .refine((body) => body.role === undefined || body.org !== undefined, {
    message: 'a role needs an org',
    path: ['role'],
  });

/**
 * DEV ONLY: `POST /dev/token` `{ sub, org?, role?, ttl? }` → `{ token, expiresAt }`, a session
 * token signed with the committed dev key. Unless the configuration sets TINYSYNC_DEV_AUTH (only
 * wrangler.jsonc `env.dev` does), the route answers exactly like an unknown one; set but not
 * reached over loopback (a deployed dev configuration), it answers 500 `misconfigured`.
 */
export const devTokenRoutes = new Hono<AppEnv>()
  .use('/dev/*', async (c, next) => {
    if (!c.env.TINYSYNC_DEV_AUTH) return c.notFound();
    await assertDevAuthIsLocal(c.req.raw, c.env);
    await next();
  })
  .post('/dev/token', async (c) => {
    const signingKey = c.env.TINYSYNC_DEV_SIGNING_KEY;
    if (!signingKey) {
      throw new ApiError(
        'misconfigured',
        'TINYSYNC_DEV_AUTH is set without TINYSYNC_DEV_SIGNING_KEY',
      );
    }
    const body = await parseJsonBody(c.req.raw, devTokenRequest);
    // The first authorized party, so that the token passes this same worker's `azp` check.
    const azp = listFromEnv(c.env.CLERK_AUTHORIZED_PARTIES)[0];
    const { token, expiresAt } = await signDevToken(signingKey, {
      sub: body.sub,
      ...(body.org === undefined ? {} : { org: body.org }),
      ...(body.role === undefined ? {} : { role: body.role }),
      ...(body.ttl === undefined ? {} : { ttlSeconds: body.ttl }),
      ...(azp === undefined ? {} : { azp }),
    });
    return c.json({ token, expiresAt });
  });
