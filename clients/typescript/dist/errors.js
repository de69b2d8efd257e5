/** The base of the errors a stream ends with. */
export class StructuredStreamError extends Error {
    name = 'StructuredStreamError';
}
/**
 * The service refused a request with an HTTP problem (RFC 9457): a bad body, an unknown schema or stream, too many
 * streams (429, with `retryAfter`). The message is the problem's title and detail.
 */
export class StreamRequestError extends StructuredStreamError {
    name = 'StreamRequestError';
    /** The HTTP status. */
    status;
    /** The problem details the service answered with (title, detail and any extensions such as `errors`). */
    problem;
    /** Seconds to wait before trying again, from the Retry-After header, when it was there. */
    retryAfter;
    constructor(status, problem, retryAfter) {
        super(StreamRequestError.describe(status, problem));
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }
    static describe(status, problem) {
        const title = typeof problem.title === 'string' && problem.title.length > 0 ? problem.title : `HTTP ${status}`;
        return typeof problem.detail === 'string' && problem.detail.length > 0 ? `${title}: ${problem.detail}` : title;
    }
}
/** The service sent something this client cannot read: a line that is not JSON, or a patch that does not apply. */
export class StreamProtocolError extends StructuredStreamError {
    name = 'StreamProtocolError';
    /** The seq of the event at fault, when it had one. */
    seq;
    constructor(message, seq, options) {
        super(message, options);
        this.seq = seq;
    }
}
/** The connection dropped and could not be resumed within `reconnect.maxAttempts` attempts. */
export class StreamConnectionError extends StructuredStreamError {
    name = 'StreamConnectionError';
    /** How many times the client tried to reconnect. */
    attempts;
    /** The last seq applied: resume from here later (`resume(streamId, { after: lastSeq, object })`). */
    lastSeq;
    constructor(message, attempts, lastSeq, options) {
        super(message, options);
        this.attempts = attempts;
        this.lastSeq = lastSeq;
    }
}
/** The object the patches built is not the `final` object, or the `final` checksum does not match it. */
export class ChecksumMismatchError extends StructuredStreamError {
    name = 'ChecksumMismatchError';
    /** The checksum `final` carries. */
    expected;
    /** The checksum computed here (of `final.object`), or '' when the objects already differ. */
    actual;
    /** Which check failed. */
    reason;
    constructor(reason, expected, actual) {
        super(reason === 'replay'
            ? 'The object the patches built differs from the final object.'
            : `The final checksum ${expected} does not match the final object (${actual}).`);
        this.reason = reason;
        this.expected = expected;
        this.actual = actual;
    }
}
/** A JSON Pointer that is not RFC 6901 syntax. */
export class PointerError extends StructuredStreamError {
    name = 'PointerError';
}
/** A JSON Patch operation could not be applied; the document is left unchanged (RFC 6902 section 5). */
export class PatchError extends StructuredStreamError {
    name = 'PatchError';
    /** The index of the failing operation in the patch. */
    index;
    /** Why it failed, without the index. */
    reason;
    constructor(index, reason) {
        super(`Operation ${index}: ${reason}`);
        this.index = index;
        this.reason = reason;
    }
}
