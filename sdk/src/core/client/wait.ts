/**
 * The waits of the retry loop (`http.ts`), cut short by a cancellation (Ctrl-C): nothing is left
 * pending in the process once the signal aborts.
 */

/** Resolves when `signal` aborts (never without one); `stop` removes the listener. */
export function whenAborted(signal: AbortSignal | undefined): { aborted: Promise<void>; stop: () => void } {
  let stop = (): void => undefined;
  const aborted = new Promise<void>((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) return resolve();
    const listener = (): void => resolve();
    signal.addEventListener("abort", listener, { once: true });
    stop = () => signal.removeEventListener("abort", listener);
  });
  return { aborted, stop };
}

/**
 * Waits `ms`, or less when `signal` aborts (a cancelled operation): then the timer is cleared, so
 * that nothing is left pending in the process.
 */
export function sleepFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  // (A test's own `sleep` seam is raced against the signal instead: see whenAborted.)
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
