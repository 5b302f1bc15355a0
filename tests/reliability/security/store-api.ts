import { request as httpRequest } from 'node:http';

/**
 * A request to the worker's HTTP API, sent exactly as given: the path is not normalised (a
 * literal `/../` reaches the server as such, which `fetch` would resolve first) and no header
 * is added unless asked for.
 */
export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Sent as is, e.g. `/stores/org_x/tables/users/%2E%2E`. */
  readonly path: string;
  readonly token?: string | undefined;
  /** An object is sent as JSON with `Content-Type: application/json`; a string as it is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Streams the body in chunks without a Content-Length, as a client that hides its size. */
  readonly chunked?: boolean;
}

export interface ApiAnswer {
  readonly status: number;
  /** The parsed JSON body, or the text when it is not JSON. */
  readonly body: unknown;
  /** `error.code` of a JSON error body. */
  readonly code: string | undefined;
}

const CHUNK_CHARS = 64 * 1024;

export function callApi(workerUrl: string, request: ApiRequest): Promise<ApiAnswer> {
  const { method, path, token, body, headers = {}, chunked = false } = request;
  const json = body !== undefined && typeof body !== 'string';
  const payload = body === undefined ? undefined : json ? JSON.stringify(body) : (body as string);
  const { hostname, port } = new URL(workerUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        hostname,
        port,
        method,
        path,
        headers: {
          ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
          ...(json ? { 'Content-Type': 'application/json' } : {}),
          ...(payload === undefined || chunked
            ? {}
            : { 'Content-Length': String(Buffer.byteLength(payload)) }),
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          const parsed = parseJson(text);
          resolve({ status: response.statusCode ?? 0, body: parsed, code: errorCode(parsed) });
        });
      },
    );
    // The server may answer (413) and close before it has read the whole body.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (payload !== undefined && chunked) {
      for (let start = 0; start < payload.length; start += CHUNK_CHARS) {
        outgoing.write(payload.slice(start, start + CHUNK_CHARS));
      }
    } else if (payload !== undefined) {
      outgoing.write(payload);
    }
    outgoing.end();
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body as { error: { code?: unknown } };
  return typeof error?.code === 'string' ? error.code : undefined;
}
