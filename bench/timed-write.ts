/**
 * Request timeout for the first client of a store on TinyBase's bare relay. The relay keeps no
 * copy, so that client's first request (everyone's hashes) reaches nobody and TinyBase waits the
 * whole timeout before it sends anything: 30 s per store, for nothing. The short timeout makes
 * later pulls of that client fail sooner on a busy machine, which only makes it reload (and
 * writes wait for that, see untilWritesAreSent).
 */
export const ALONE_ON_RELAY_TIMEOUT_SECONDS = 1;

/** `promise`, or a rejection saying `explain()` once `ms` have passed without it settling. */
export async function withTimeout(
  promise: Promise<void>,
  ms: number,
  explain: () => string,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(explain())), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
