import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';

/** A server the test started, stopped (with everything it started) by `stop()`. */
export interface BackgroundProcess {
  readonly url: string;
  /** What it printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `command` in its own process group and resolves once `readyUrl` answers 200. wrangler
 * and Vite start children of their own (workerd, esbuild): stopping signals the whole group,
 * so none outlives the test.
 */
export async function startBackgroundProcess(
  command: string,
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly env: NodeJS.ProcessEnv;
    readonly url: string;
    readonly readyUrl: string;
  },
): Promise<BackgroundProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const stop = () => stopGroup(child);
  const deadline = Date.now() + 60_000;
  while (!(await answers(options.readyUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${command} ${args.join(' ')} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: options.url, output: () => output, stop };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child.pid, 'SIGTERM');
  const killed = setTimeout(() => signalGroup(child.pid ?? 0, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(killed);
  // The group's other members (workerd) may outlive the leader by a moment.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** GET over node:http: 200 means ready; anything else, or no answer, means not yet. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.setTimeout(2_000, () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
