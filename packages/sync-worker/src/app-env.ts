import type { Env } from './env.ts';

/** Hono's typing of the Worker: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
  };
}
