/** How a stream reconnects after a drop. */
export interface ReconnectOptions {
    /** The delay cap of the first attempt, in ms. Default 250. */
    initialDelayMs?: number;
    /** The largest delay cap, in ms. Default 5000. */
    maxDelayMs?: number;
    /** Attempts in a row without receiving an event before giving up. Default 10. */
    maxAttempts?: number;
}
export declare const defaultReconnect: Required<ReconnectOptions>;
/**
 * The delay before attempt `attempt` (1, 2, 3 …): exponential backoff with full jitter, a random delay between 0
 * and min(maxDelayMs, initialDelayMs · 2^(attempt − 1)), so clients dropped together do not return together.
 */
export declare function backoffDelay(attempt: number, options?: ReconnectOptions, random?: () => number): number;
/** Resolves after `ms`, or at once when `signal` is (or becomes) aborted; never rejects. */
export declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;
