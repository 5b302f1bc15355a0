import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PageFiles } from './bundle-pages.ts';

export interface PageServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the bundled pages on loopback. Cacheable, as a deployed app's assets are: a cold start
 * is a returning user's visit (the data in IndexedDB came from an earlier one).
 */
export async function servePages(files: PageFiles): Promise<PageServer> {
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': file.type, 'cache-control': 'public, max-age=3600' })
      .end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
