import type { Env } from '../env.js';
import { ApiError } from '../http/api-error.js';
import { listFromEnv } from '../http/middleware.js';
import { isCommittedDevKey } from './committed-dev-key.js';
import { isLocalRequest } from './local-request.js';

/** The settings that decide whether this worker may verify sessions where it runs. */
export type AuthConfigurationEnv = Pick<
  Env,
  'CLERK_JWT_KEY' | 'CLERK_AUTHORIZED_PARTIES' | 'TINYSYNC_DEV_AUTH' | 'TINYSYNC_DEV_SIGNING_KEY'
>;

/**
 * Refuses to serve a dev configuration anywhere but loopback (see `isLocalRequest`): it trusts
 * a key whose private half is committed, so deployed it would let anyone sign in as anyone.
 * Dev auth counts as configured by any of its settings, or by CLERK_JWT_KEY being the committed
 * dev key, so that deploying one of them without the others is caught too.
 *
 * @throws ApiError `misconfigured` (500), logged, naming the settings to remove.
 */
export async function assertDevAuthIsLocal(
  request: Request,
  env: AuthConfigurationEnv,
): Promise<void> {
  if (isLocalRequest(request)) return;
  const settings = await devAuthSettings(env);
  if (settings.length === 0) return;
  throw misconfigured(
    request,
    `Dev auth is configured (${settings.join(', ')}) on a worker that is not running locally; ` +
      'it trusts a key anyone can sign with, so it is served on loopback only. ' +
      "Deploy without the dev configuration, with your Clerk instance's CLERK_JWT_KEY",
  );
}

/**
 * What authenticated routes need before they verify a token: no dev auth off loopback, and
 * outside local development a non-empty CLERK_AUTHORIZED_PARTIES, without which a token Clerk
 * issued to any other site of the same instance would be accepted. On loopback an empty list
 * still accepts any `azp`, so that a fresh clone runs without configuring origins.
 *
 * @throws ApiError `misconfigured` (500), logged, naming the variable to set or remove.
 */
export async function assertAuthConfigured(
  request: Request,
  env: AuthConfigurationEnv,
): Promise<void> {
  if (isLocalRequest(request)) return;
  await assertDevAuthIsLocal(request, env);
  if (listFromEnv(env.CLERK_AUTHORIZED_PARTIES).length === 0) {
    throw misconfigured(
      request,
      'CLERK_AUTHORIZED_PARTIES is empty: outside local development it must list the origins ' +
        'of your app (e.g. https://app.example.com), the only ones whose tokens are accepted',
    );
  }
}

/** The names of the settings that make this a dev configuration; empty for any other. */
async function devAuthSettings(env: AuthConfigurationEnv): Promise<string[]> {
  const settings: string[] = [];
  if (env.TINYSYNC_DEV_AUTH) settings.push('TINYSYNC_DEV_AUTH');
  if (env.TINYSYNC_DEV_SIGNING_KEY?.trim()) settings.push('TINYSYNC_DEV_SIGNING_KEY');
  if (await isCommittedDevKey(env.CLERK_JWT_KEY)) {
    settings.push('CLERK_JWT_KEY (the committed dev key)');
  }
  return settings;
}

/** A server fault every request would hit: logged for the operator, answered as 500. */
function misconfigured(request: Request, message: string): ApiError {
  console.error(
    JSON.stringify({
      level: 'error',
      event: 'misconfigured',
      host: new URL(request.url).hostname,
      message,
    }),
  );
  return new ApiError('misconfigured', message);
}
