/** The server refused the session (401/403): its JSON error code and message. */
export class SessionRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SessionRefusedError';
  }
}

/**
 * Why a WebSocket handshake failed, when it was the session. A refused upgrade reaches a browser
 * as a bare close, indistinguishable from a network failure, so the same URL is asked over
 * plain HTTP: the worker authenticates before it checks for an upgrade, answering 401/403 for a
 * bad session and 426 for a good one. `undefined` means "not the session" (or unknown).
 */
export async function probeSession(
  fetchImpl: typeof fetch,
  socketUrl: string,
  token: string | null,
): Promise<SessionRefusedError | undefined> {
  if (token === null) return new SessionRefusedError(401, 'token_missing', 'Not signed in');
  try {
    const response = await fetchImpl(socketUrl.replace(/^ws/, 'http'), {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status !== 401 && response.status !== 403) return undefined;
    const body = (await response.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string };
    };
    return new SessionRefusedError(
      response.status,
      body.error?.code ?? 'unauthorized',
      body.error?.message ?? 'The server refused the session',
    );
  } catch {
    return undefined; // the network, not the session
  }
}
