/**
 * Retries `check` until it stops throwing, or rethrows its last error after `timeoutMs`.
 * For asserting on state that arrives over the network (generous by default: CI machines are
 * small and busy). Runs in Node and in workerd.
 */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
