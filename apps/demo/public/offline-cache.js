// Keeps the demo openable without a network, so a reload while offline still shows the data
// kept in IndexedDB. Same-origin GETs go to the network first (development always sees fresh
// code) and their responses are cached; when the network fails the cached copy answers, and a
// page navigation falls back to the cached page.
const CACHE = 'tinysync-demo-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The page lists what it loaded before this worker controlled it; cache those too, then answer.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'cache-urls') return;
  const [port] = event.ports;
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        Promise.allSettled(event.data.urls.map((url) => cache.add(new Request(url)))),
      )
      .then(() => port?.postMessage('cached')),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const navigation = request.mode === 'navigate';
    // Vary is ignored: the page's module scripts are CORS requests (with an Origin header) while
    // the copies cached for the first load were fetched from here without one.
    const cached =
      (await cache.match(request, { ignoreSearch: navigation, ignoreVary: true })) ??
      (navigation ? await cache.match('/', { ignoreVary: true }) : undefined);
    if (cached) return cached;
    throw error;
  }
}
