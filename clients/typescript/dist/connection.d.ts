import type { StreamState } from './protocol.js';
import type { StreamOptions } from './updates.js';
/** A connection that broke, or a response that ended without `final`: the stream resumes, unless it was cancelled. */
export declare class Drop extends Error {
    readonly retryAfterMs: number;
    constructor(message: string, retryAfterMs?: number, options?: {
        cause?: unknown;
    });
}
/** An event as read: a type and a seq; its other fields are checked where they are used. */
export interface WireEvent {
    seq: number;
    type: string;
    [field: string]: unknown;
}
/** The requests of one stream, to one service. */
export declare class Service {
    #private;
    constructor(options: Pick<StreamOptions, 'baseUrl' | 'apiKey' | 'fetch'>);
    /**
     * POSTs to `path` (starting a stream): the 2xx answer, whose body is the events.
     * @throws StreamRequestError when the service refuses, and a Drop when it cannot be reached.
     */
    post(path: string, body: unknown, signal: AbortSignal): Promise<Response>;
    /**
     * GETs the events of a stream after seq `after` (as ?after= and Last-Event-ID), from `eventsUrl` when `started`
     * named one. A passing fault (429, 5xx) is a Drop, to try again; any other refusal (404 unknown stream, 400 bad
     * cursor) is a StreamRequestError.
     */
    events(streamId: string, eventsUrl: string | undefined, after: number, signal: AbortSignal): Promise<Response>;
    /** DELETEs a stream: the state the service answered with, or undefined (it failed, or took over `timeoutMs`). */
    cancel(streamId: string, timeoutMs: number): Promise<StreamState | undefined>;
}
/**
 * The events of a response, in order, until its body ends. A body that breaks is a Drop, and so is a
 * `log_unavailable` error: the service sends it to this reader only, with the seq it already has, and ends the
 * response (docs/protocol.md), so it is never applied.
 * @throws StreamProtocolError for a line that is not an event.
 */
export declare function eventsOf(response: Response): AsyncGenerator<WireEvent, void, undefined>;
