// Rendering at most once per animation frame, however many updates arrive in it.

/** Schedules `callback` for the next frame. */
export type FrameScheduler = (callback: () => void) => unknown;

/** requestAnimationFrame where there is one (browsers), else a 16 ms timer. */
export function defaultScheduler(): FrameScheduler {
  const raf = (globalThis as { requestAnimationFrame?: (callback: (time: number) => void) => number }).requestAnimationFrame;
  return typeof raf === 'function' ? callback => raf.call(globalThis, () => callback()) : callback => setTimeout(callback, 16);
}

/**
 * Collects updates and renders once per frame: `render(latest, batch)` gets the last update of the frame and all of
 * them in order (for a log of events, say). A burst of 100 patches in one frame makes one render.
 */
export class FrameBatcher<T> {
  readonly #render: (latest: T, batch: readonly T[]) => void;
  readonly #schedule: FrameScheduler;
  #batch: T[] = [];
  #scheduled = false;

  constructor(render: (latest: T, batch: readonly T[]) => void, schedule?: FrameScheduler) {
    this.#render = render;
    this.#schedule = schedule ?? defaultScheduler();
  }

  /** Adds an update; the first one of a frame schedules the render. */
  push(update: T): void {
    this.#batch.push(update);
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#schedule(() => this.flush());
    }
  }

  /** Renders what is waiting now (nothing when nothing is), without waiting for the frame. */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#batch;
    if (batch.length === 0) {
      return;
    }

    this.#batch = [];
    this.#render(batch[batch.length - 1]!, batch);
  }
}

/**
 * Reads `updates` to the end, rendering once per frame, and the last batch at once when they end (also when they
 * end with an error, which is then rethrown).
 */
export async function renderInFrames<T>(
  updates: AsyncIterable<T>,
  render: (latest: T, batch: readonly T[]) => void,
  schedule?: FrameScheduler,
): Promise<void> {
  const batcher = new FrameBatcher(render, schedule);
  try {
    for await (const update of updates) {
      batcher.push(update);
    }
  } finally {
    batcher.flush();
  }
}
