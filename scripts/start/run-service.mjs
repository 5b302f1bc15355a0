import { spawn } from 'node:child_process';

const COLORS = [36, 35, 33, 32];

/**
 * Starts a service in its own process group (so stopping it also stops what it spawned, such as
 * wrangler's workerd), with every output line prefixed by its name.
 */
export function runService(service, index, env) {
  const child = spawn(service.command, service.args, {
    cwd: service.cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tag = service.name.padEnd(6);
  const prefix = process.stdout.isTTY
    ? `\x1b[${COLORS[index % COLORS.length]}m[${tag}]\x1b[0m `
    : `[${tag}] `;
  pipeLines(child.stdout, process.stdout, prefix);
  pipeLines(child.stderr, process.stderr, prefix);
  return child;
}

/** Sends `signal` to the service's whole process group; false if it is already gone. */
export function signalService(child, signal) {
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Stops a service: SIGTERM to its group, SIGKILL if it is still there after `graceMs`. */
export async function stopService(child, graceMs = 5_000) {
  if (!signalService(child, 'SIGTERM')) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve));
  const timedOut = new Promise((resolve) => setTimeout(() => resolve('timeout'), graceMs));
  if ((await Promise.race([exited, timedOut])) === 'timeout') signalService(child, 'SIGKILL');
  // Grandchildren (workerd) may outlive the direct child by a moment: make sure the group is gone.
  await new Promise((resolve) => setTimeout(resolve, 200));
  signalService(child, 'SIGKILL');
}

function pipeLines(from, to, prefix) {
  let rest = '';
  from.setEncoding('utf8');
  from.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') to.write(`${prefix}${line}\n`);
  });
  from.on('end', () => {
    if (rest.trim() !== '') to.write(`${prefix}${rest}\n`);
  });
}
