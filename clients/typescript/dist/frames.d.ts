/** Schedules `callback` for the next frame. */
export type FrameScheduler = (callback: () => void) => unknown;
/** requestAnimationFrame where there is one (browsers), else a 16 ms timer. */
export declare function defaultScheduler(): FrameScheduler;
/**
 * Collects updates and renders once per frame: `render(latest, batch)` gets the last update of the frame and all of
 * them in order (for a log of events, say). A burst of 100 patches in one frame makes one render.
 */
export declare class FrameBatcher<T> {
    #private;
    constructor(render: (latest: T, batch: readonly T[]) => void, schedule?: FrameScheduler);
    /** Adds an update; the first one of a frame schedules the render. */
    push(update: T): void;
    /** Renders what is waiting now (nothing when nothing is), without waiting for the frame. */
    flush(): void;
}
/**
 * Reads `updates` to the end, rendering once per frame, and the last batch at once when they end (also when they
 * end with an error, which is then rethrown).
 */
export declare function renderInFrames<T>(updates: AsyncIterable<T>, render: (latest: T, batch: readonly T[]) => void, schedule?: FrameScheduler): Promise<void>;
