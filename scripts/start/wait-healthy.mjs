import { get } from 'node:http';

/** Polls `url` until it answers 200; rejects after `timeoutMs` or once `gaveUp()` is true. */
export async function waitHealthy(url, { timeoutMs = 90_000, gaveUp = () => false } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error(`stopped before ${url} answered`);
    if (await answersOk(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

function answersOk(url) {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.setTimeout(2_000, () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
