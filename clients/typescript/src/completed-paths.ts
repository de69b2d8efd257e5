// The paths completed up to one point of a stream. Completion only grows, so every update can keep its own view of
// one shared log of paths (a path and its place in the log) at O(1) cost, instead of a copy of every path so far:
// copying made a stream with many values quadratic.

/** A read-only set of the JSON Pointers completed up to one update; later updates never change it. */
export class CompletedPaths implements ReadonlySet<string> {
  /** Each path completed, by the order it came in; shared by the views of one stream, only ever added to. */
  readonly #log: Map<string, number>;
  /** How many of the log's paths this view holds: those that came in before it was made. */
  readonly #size: number;

  /** The paths given, in order (one given twice counts once). */
  static of(paths: Iterable<string> = []): CompletedPaths {
    return new CompletedPaths(addTo(new Map(), paths));
  }

  private constructor(log: Map<string, number>) {
    this.#log = log;
    this.#size = log.size;
  }

  /** A view with `paths` added; this one is unchanged. */
  with(paths: Iterable<string>): CompletedPaths {
    // Only the newest view adds to the shared log; an older one (an update a caller kept and resumed from) copies it.
    const log = this.#log.size === this.#size ? this.#log : new Map([...this.#log].filter(([, place]) => place < this.#size));
    return new CompletedPaths(addTo(log, paths));
  }

  get size(): number {
    return this.#size;
  }

  has(path: string): boolean {
    const place = this.#log.get(path);
    return place !== undefined && place < this.#size;
  }

  *keys(): SetIterator<string> {
    // A Map iterates in insertion order, which is the order of the places.
    for (const [path, place] of this.#log) {
      if (place >= this.#size) {
        return;
      }

      yield path;
    }
  }

  values(): SetIterator<string> {
    return this.keys();
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.keys();
  }

  *entries(): SetIterator<[string, string]> {
    for (const path of this.keys()) {
      yield [path, path];
    }
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const path of this.keys()) {
      callback.call(thisArg, path, path, this);
    }
  }
}

function addTo(log: Map<string, number>, paths: Iterable<string>): Map<string, number> {
  for (const path of paths) {
    if (!log.has(path)) {
      log.set(path, log.size);
    }
  }

  return log;
}
