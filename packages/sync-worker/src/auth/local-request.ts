/** Hostnames that name this machine, as `URL#hostname` writes them. */
const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const LOOPBACK_IP =
  /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * Whether the request reached a worker running on this machine (`wrangler dev`, tests), the
 * only place where the dev configuration's committed key and a missing `azp` list are tolerated.
 *
 * Both parts are set by whoever runs the worker, not by the client, on Cloudflare:
 * - the URL's hostname: the edge hands a request to a worker only when its hostname matches one
 *   of the worker's routes, custom domains or workers.dev name, none of which can be loopback,
 *   so a forged `Host: localhost` never reaches a deployed worker;
 * - `CF-Connecting-IP`, when present: the edge always sets it to the real client address (a
 *   client's own value is overwritten), which is never loopback. `wrangler dev` sets it to the
 *   local client's address, so a second, independent fence if the first were ever bypassed.
 * Locally, anyone who can reach a dev server can forge both; `wrangler dev` listens on
 * 127.0.0.1 only, and a dev server exposed on a network must not run the dev configuration.
 */
export function isLocalRequest(request: Request): boolean {
  const hostname = new URL(request.url).hostname.toLowerCase();
  if (!LOOPBACK_HOSTNAMES.has(hostname)) return false;
  const clientIp = request.headers.get('cf-connecting-ip');
  return clientIp === null || LOOPBACK_IP.test(clientIp.trim());
}
