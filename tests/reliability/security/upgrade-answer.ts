import { WebSocket } from 'ws';

/** How the server answered a WebSocket upgrade: 101, or the status and JSON error code. */
export interface UpgradeAnswer {
  readonly status: number;
  readonly code: string | undefined;
}

/**
 * Asks to upgrade `url` to a WebSocket and reports the answer, whatever it is: an accepted
 * upgrade (101, closed again at once) is an answer like any refusal, so a test expecting a
 * refusal fails on it instead of waiting. `protocols` are offered as a browser offers them.
 */
export function upgradeAnswer(
  url: string,
  { headers = {}, protocols = [] }: { headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, code: undefined });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, code: errorCode(body) }),
      );
    });
    socket.once('error', reject);
  });
}

function errorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}
