/**
 * Registers the service worker that keeps the app openable offline (public/offline-cache.js) and
 * has it cache what this page already loaded. Resolves once that is cached; then marks the page
 * with `data-offline-ready`, so a test (or a curious developer) can tell.
 */
export async function registerOfflineCache(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  await navigator.serviceWorker.register('/offline-cache.js');
  const registration = await navigator.serviceWorker.ready;
  const urls = [
    location.href,
    ...performance.getEntriesByType('resource').map((entry) => entry.name),
  ].filter((url) => new URL(url).origin === location.origin);
  const channel = new MessageChannel();
  const cached = new Promise((resolve) => {
    channel.port1.onmessage = resolve;
  });
  registration.active?.postMessage({ type: 'cache-urls', urls }, [channel.port2]);
  await cached;
  document.documentElement.dataset.offlineReady = 'true';
}
