// The paths completed up to one point of a stream. Completion only grows, so every update can keep its own view of
// one shared log of paths (a path and its place in the log) at O(1) cost, instead of a copy of every path so far:
// copying made a stream with many values quadratic.
/** A read-only set of the JSON Pointers completed up to one update; later updates never change it. */
export class CompletedPaths {
    /** Each path completed, by the order it came in; shared by the views of one stream, only ever added to. */
    #log;
    /** How many of the log's paths this view holds: those that came in before it was made. */
    #size;
    /** The paths given, in order (one given twice counts once). */
    static of(paths = []) {
        return new CompletedPaths(addTo(new Map(), paths));
    }
    constructor(log) {
        this.#log = log;
        this.#size = log.size;
    }
    /** A view with `paths` added; this one is unchanged. */
    with(paths) {
        // Only the newest view adds to the shared log; an older one (an update a caller kept and resumed from) copies it.
        const log = this.#log.size === this.#size ? this.#log : new Map([...this.#log].filter(([, place]) => place < this.#size));
        return new CompletedPaths(addTo(log, paths));
    }
    get size() {
        return this.#size;
    }
    has(path) {
        const place = this.#log.get(path);
        return place !== undefined && place < this.#size;
    }
    *keys() {
        // A Map iterates in insertion order, which is the order of the places.
        for (const [path, place] of this.#log) {
            if (place >= this.#size) {
                return;
            }
            yield path;
        }
    }
    values() {
        return this.keys();
    }
    [Symbol.iterator]() {
        return this.keys();
    }
    *entries() {
        for (const path of this.keys()) {
            yield [path, path];
        }
    }
    forEach(callback, thisArg) {
        for (const path of this.keys()) {
            callback.call(thisArg, path, path, this);
        }
    }
}
function addTo(log, paths) {
    for (const path of paths) {
        if (!log.has(path)) {
            log.set(path, log.size);
        }
    }
    return log;
}
