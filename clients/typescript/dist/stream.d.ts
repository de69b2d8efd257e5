import type { ContinueRequest, StreamRequest } from './protocol.js';
import type { ResumeOptions, StreamOptions, StreamPhase, StreamResult, StreamUpdate } from './updates.js';
/** The first request: a POST that starts a stream, or reading the events of one that exists. */
type Opening = {
    kind: 'post';
    path: string;
    body: unknown;
} | {
    kind: 'events';
    streamId: string;
};
/** A running stream. Iterate it for updates; `result` settles when it ends. */
export declare class StructuredStream implements AsyncIterable<StreamUpdate> {
    #private;
    /** Settles when the stream ends; rejects with StreamRequestError, StreamProtocolError, StreamConnectionError or ChecksumMismatchError. */
    readonly result: Promise<StreamResult>;
    /** @internal Use `stream`, `resume`, `regenerate` or `continueStream`. */
    constructor(opening: Opening, options?: ResumeOptions);
    /** The stream's id, from `started` or the X-Stream-Id header. */
    get streamId(): string | undefined;
    /** The partial object now (undefined before the first patch). */
    get object(): unknown;
    /** Where the stream is now ('thinking' until the first patch, 'done' after `final`). */
    get phase(): StreamPhase;
    /** The place in the queue (1 is next), while queued. */
    get position(): number | undefined;
    /** The last seq applied. */
    get lastSeq(): number;
    /** The JSON Pointers completed so far. */
    get completed(): ReadonlySet<string>;
    /** Whether the value at `path` (a JSON Pointer, '' = root) is final: it, or a value holding it, is complete. */
    isComplete(path: string): boolean;
    /**
     * Stops the stream, as aborting `signal` does: the service cancels the model call (DELETE) and the stream ends
     * with outcome 'cancelled', keeping the object as shown. Resolves once the stream has ended.
     */
    cancel(): Promise<void>;
    /**
     * The updates, each after its event is applied; ends after `final`, or throws what `result` rejects with (a
     * ChecksumMismatchError after the final update). A stream can be iterated once; leaving the loop early (break,
     * throw) cancels the stream.
     */
    [Symbol.asyncIterator](): AsyncIterator<StreamUpdate>;
}
/** Starts a stream (POST /v1/streams) and reads its events. */
export declare function stream(request: StreamRequest, options?: StreamOptions): StructuredStream;
/**
 * Reads a stream's events after a seq (GET /v1/streams/{id}/events): to follow a stream started elsewhere, or to go
 * on after a page reload. Give `object` (and `completed`) when you hold the object at `after`.
 */
export declare function resume(streamId: string, options?: ResumeOptions): StructuredStream;
/** Starts a new stream with the request of `streamId`, with `changes` (prompt, messages, model …) applied. */
export declare function regenerate(streamId: string, changes?: Partial<StreamRequest>, options?: StreamOptions): StructuredStream;
/**
 * Starts a new stream going on from the object a cancelled, failed or timed-out stream kept, or, with `object`, from
 * that object as the user changed it (the service refuses an edit that breaks the schema with a 422).
 */
export declare function continueStream(streamId: string, options?: StreamOptions & ContinueRequest): StructuredStream;
export {};
