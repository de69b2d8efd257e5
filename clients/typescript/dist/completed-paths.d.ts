/** A read-only set of the JSON Pointers completed up to one update; later updates never change it. */
export declare class CompletedPaths implements ReadonlySet<string> {
    #private;
    /** The paths given, in order (one given twice counts once). */
    static of(paths?: Iterable<string>): CompletedPaths;
    private constructor();
    /** A view with `paths` added; this one is unchanged. */
    with(paths: Iterable<string>): CompletedPaths;
    get size(): number;
    has(path: string): boolean;
    keys(): SetIterator<string>;
    values(): SetIterator<string>;
    [Symbol.iterator](): SetIterator<string>;
    entries(): SetIterator<[string, string]>;
    forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void;
}
