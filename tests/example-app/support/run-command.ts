import { spawn } from 'node:child_process';

export interface CommandResult {
  readonly output: string;
  readonly seconds: number;
  readonly exitCode: number | null;
}

/**
 * Environment for every tool run on the example: wrangler offline (no account, no metrics, no
 * Cloudflare lookups), no update checks, no colours in captured output.
 */
export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    NO_UPDATE_NOTIFIER: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...extra,
  };
  delete env.CLOUDFLARE_API_TOKEN;
  delete env.CLOUDFLARE_ACCOUNT_ID;
  // Set by npm and turbo for this repository's own scripts; the example is a project of its own.
  for (const name of Object.keys(env)) {
    if (name.startsWith('npm_')) delete env[name];
  }
  return env;
}

/**
 * Runs a command to completion and returns what it printed and how long it took; throws with
 * the output when it fails (unless `mayFail`), so a failing step shows why.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv; readonly mayFail?: boolean },
): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? toolEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0 || options.mayFail) resolve({ output, seconds, exitCode: code });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}
