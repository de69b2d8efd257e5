// Waiting between reconnection attempts.
export const defaultReconnect = { initialDelayMs: 250, maxDelayMs: 5000, maxAttempts: 10 };
/**
 * The delay before attempt `attempt` (1, 2, 3 …): exponential backoff with full jitter, a random delay between 0
 * and min(maxDelayMs, initialDelayMs · 2^(attempt − 1)), so clients dropped together do not return together.
 */
export function backoffDelay(attempt, options, random = Math.random) {
    const initial = Math.max(0, options?.initialDelayMs ?? defaultReconnect.initialDelayMs);
    const max = Math.max(0, options?.maxDelayMs ?? defaultReconnect.maxDelayMs);
    const cap = Math.min(max, initial * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
    return Math.floor(random() * cap);
}
/** Resolves after `ms`, or at once when `signal` is (or becomes) aborted; never rejects. */
export function sleep(ms, signal) {
    return new Promise(resolve => {
        if (signal?.aborted) {
            resolve();
            return;
        }
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}
