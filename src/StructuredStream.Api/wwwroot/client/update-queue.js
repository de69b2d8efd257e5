// The updates a stream has produced and its one reader has not taken yet.
/** A queue the stream pushes to and one async iterator reads, waiting while it is empty. */
export class UpdateQueue {
    #items = [];
    #next = 0;
    #ended = false;
    #failure;
    #wake;
    /** Whether `end` was called. */
    get ended() {
        return this.#ended;
    }
    push(item) {
        this.#items.push(item);
        this.#wakeReader();
    }
    /** Nothing more comes: the reader takes what is queued, then the end, or `failure.error` thrown. */
    end(failure) {
        this.#ended = true;
        this.#failure = failure;
        this.#wakeReader();
    }
    /** Forgets what is queued (the reader left). */
    clear() {
        this.#items = [];
        this.#next = 0;
    }
    async next() {
        while (true) {
            if (this.#next < this.#items.length) {
                const item = this.#items[this.#next++];
                // Drop the items already read now and then, not on every read: a long stream must not hold them all.
                if (this.#next > 1024 && this.#next * 2 > this.#items.length) {
                    this.#items.splice(0, this.#next);
                    this.#next = 0;
                }
                return { done: false, value: item };
            }
            if (this.#ended) {
                const failure = this.#failure;
                this.#failure = undefined;
                if (failure !== undefined) {
                    throw failure.error;
                }
                return { done: true, value: undefined };
            }
            await new Promise(resolve => {
                this.#wake = resolve;
            });
        }
    }
    #wakeReader() {
        const wake = this.#wake;
        this.#wake = undefined;
        wake?.();
    }
}
