import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleRequest } from './handle-request.ts';
import type { PipelineRequest, StreamRequest, StreamResult } from './hrana-types.ts';
import type { SqlStream } from './sql-stream.ts';
import { StreamRegistry } from './stream-registry.ts';

export interface LibsqlServerOptions {
  /** The database file (created if missing). */
  readonly dbPath: string;
  /** When set, every request must carry `Authorization: Bearer <authToken>`. */
  readonly authToken?: string;
  readonly streamIdleMs?: number;
}

export interface LibsqlServer {
  readonly server: Server;
  /** Resolves with the URL, e.g. `http://127.0.0.1:8080`. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Counters for tests and benchmarks: write transactions committed since the server started. */
  stats(): { readonly committedTransactions: number };
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Turso's HTTP protocol (Hrana over HTTP, JSON: `POST /v2/pipeline` and `/v3/pipeline`) on the
 * real libSQL engine, so `@libsql/client` talks to it exactly as to Turso. Protobuf (`/v3-protobuf`)
 * is not offered; clients then fall back to JSON, as they do with older servers.
 */
export function createLibsqlServer(options: LibsqlServerOptions): LibsqlServer {
  const streams = new StreamRegistry(options.dbPath, options.streamIdleMs);
  const server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) =>
      reply(response, 500, { message: error instanceof Error ? error.message : String(error) }),
    );
  });

  async function route(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && path === '/health') return reply(response, 200, { ok: true });
    if (
      options.authToken !== undefined &&
      request.headers.authorization !== `Bearer ${options.authToken}`
    ) {
      return reply(response, 401, { message: 'Unauthorized: bad or missing bearer token' });
    }
    if (request.method === 'GET' && (path === '/v2' || path === '/v3'))
      return reply(response, 200, {});
    if (request.method === 'POST' && (path === '/v2/pipeline' || path === '/v3/pipeline')) {
      const body = await readJson(request);
      if (body === undefined)
        return reply(response, 400, { message: 'The body is not a JSON pipeline' });
      return pipeline(body, response);
    }
    return reply(response, 404, { message: `No route for ${request.method} ${path}` });
  }

  function pipeline({ baton, requests }: PipelineRequest, response: ServerResponse) {
    const stream = streams.take(baton ?? null);
    if (stream === undefined) return reply(response, 400, { message: 'Unknown or expired baton' });
    let results: StreamResult[];
    let closed: boolean;
    try {
      ({ results, closed } = runRequests(stream, requests));
    } catch (error) {
      // Neither kept nor closed, the stream would hold its connection (and any lock) forever.
      stream.close();
      throw error;
    }
    if (closed) stream.close();
    return reply(response, 200, {
      baton: closed ? null : streams.keep(stream),
      base_url: null,
      results,
    });
  }

  return {
    server,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const actualPort = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${host}:${actualPort}`);
        });
      });
    },
    stats() {
      return { committedTransactions: streams.committedTransactions };
    },
    close() {
      streams.closeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Kept-alive connections would otherwise go on being served after close().
      server.closeAllConnections();
      return closed;
    },
  };
}

/** Runs a pipeline's requests in order; after a `close`, the rest fail with STREAM_CLOSED. */
function runRequests(stream: SqlStream, requests: StreamRequest[]) {
  const results: StreamResult[] = [];
  let closed = false;
  for (const request of requests) {
    if (closed) {
      results.push({
        type: 'error',
        error: { message: 'The stream is closed', code: 'STREAM_CLOSED' },
      });
      continue;
    }
    results.push(handleRequest(stream, request));
    if (request?.type === 'close') closed = true;
  }
  return { results, closed };
}

async function readJson(request: IncomingMessage): Promise<PipelineRequest | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PipelineRequest;
    return Array.isArray(body.requests) ? body : undefined;
  } catch {
    return undefined;
  }
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
