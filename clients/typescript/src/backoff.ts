// Waiting between reconnection attempts.

/** How a stream reconnects after a drop. */
export interface ReconnectOptions {
  /** The delay cap of the first attempt, in ms. Default 250. */
  initialDelayMs?: number;
  /** The largest delay cap, in ms. Default 5000. */
  maxDelayMs?: number;
  /** Attempts in a row without receiving an event before giving up. Default 10. */
  maxAttempts?: number;
}

export const defaultReconnect: Required<ReconnectOptions> = { initialDelayMs: 250, maxDelayMs: 5000, maxAttempts: 10 };

/**
 * The delay before attempt `attempt` (1, 2, 3 …): exponential backoff with full jitter, a random delay between 0
 * and min(maxDelayMs, initialDelayMs · 2^(attempt − 1)), so clients dropped together do not return together.
 */
export function backoffDelay(attempt: number, options?: ReconnectOptions, random: () => number = Math.random): number {
  const initial = Math.max(0, options?.initialDelayMs ?? defaultReconnect.initialDelayMs);
  const max = Math.max(0, options?.maxDelayMs ?? defaultReconnect.maxDelayMs);
  const cap = Math.min(max, initial * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * cap);
}

/** Resolves after `ms`, or at once when `signal` is (or becomes) aborted; never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal?.aborted) {
      resolve();
      return;
    }

    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
