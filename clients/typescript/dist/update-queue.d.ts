/** A queue the stream pushes to and one async iterator reads, waiting while it is empty. */
export declare class UpdateQueue<T> {
    #private;
    /** Whether `end` was called. */
    get ended(): boolean;
    push(item: T): void;
    /** Nothing more comes: the reader takes what is queued, then the end, or `failure.error` thrown. */
    end(failure?: {
        error: unknown;
    }): void;
    /** Forgets what is queued (the reader left). */
    clear(): void;
    next(): Promise<IteratorResult<T, undefined>>;
}
