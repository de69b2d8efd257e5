import type { ProblemDetails } from './protocol.js';
/** The base of the errors a stream ends with. */
export declare class StructuredStreamError extends Error {
    name: string;
}
/**
 * The service refused a request with an HTTP problem (RFC 9457): a bad body, an unknown schema or stream, too many
 * streams (429, with `retryAfter`). The message is the problem's title and detail.
 */
export declare class StreamRequestError extends StructuredStreamError {
    name: string;
    /** The HTTP status. */
    readonly status: number;
    /** The problem details the service answered with (title, detail and any extensions such as `errors`). */
    readonly problem: ProblemDetails;
    /** Seconds to wait before trying again, from the Retry-After header, when it was there. */
    readonly retryAfter: number | undefined;
    constructor(status: number, problem: ProblemDetails, retryAfter?: number);
    private static describe;
}
/** The service sent something this client cannot read: a line that is not JSON, or a patch that does not apply. */
export declare class StreamProtocolError extends StructuredStreamError {
    name: string;
    /** The seq of the event at fault, when it had one. */
    readonly seq: number | undefined;
    constructor(message: string, seq?: number, options?: {
        cause?: unknown;
    });
}
/** The connection dropped and could not be resumed within `reconnect.maxAttempts` attempts. */
export declare class StreamConnectionError extends StructuredStreamError {
    name: string;
    /** How many times the client tried to reconnect. */
    readonly attempts: number;
    /** The last seq applied: resume from here later (`resume(streamId, { after: lastSeq, object })`). */
    readonly lastSeq: number;
    constructor(message: string, attempts: number, lastSeq: number, options?: {
        cause?: unknown;
    });
}
/** The object the patches built is not the `final` object, or the `final` checksum does not match it. */
export declare class ChecksumMismatchError extends StructuredStreamError {
    name: string;
    /** The checksum `final` carries. */
    readonly expected: string;
    /** The checksum computed here (of `final.object`), or '' when the objects already differ. */
    readonly actual: string;
    /** Which check failed. */
    readonly reason: 'replay' | 'checksum';
    constructor(reason: 'replay' | 'checksum', expected: string, actual: string);
}
/** A JSON Pointer that is not RFC 6901 syntax. */
export declare class PointerError extends StructuredStreamError {
    name: string;
}
/** A JSON Patch operation could not be applied; the document is left unchanged (RFC 6902 section 5). */
export declare class PatchError extends StructuredStreamError {
    name: string;
    /** The index of the failing operation in the patch. */
    readonly index: number;
    /** Why it failed, without the index. */
    readonly reason: string;
    constructor(index: number, reason: string);
}
