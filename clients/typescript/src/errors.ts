// Every error the client throws. Each sets `name`, so it can be told apart across realms (iframes, workers).
import type { ProblemDetails } from './protocol.js';

/** The base of the errors a stream ends with. */
export class StructuredStreamError extends Error {
  override name = 'StructuredStreamError';
}

/**
 * The service refused a request with an HTTP problem (RFC 9457): a bad body, an unknown schema or stream, too many
 * streams (429, with `retryAfter`). The message is the problem's title and detail.
 */
export class StreamRequestError extends StructuredStreamError {
  override name = 'StreamRequestError';
  /** The HTTP status. */
  readonly status: number;
  /** The problem details the service answered with (title, detail and any extensions such as `errors`). */
  readonly problem: ProblemDetails;
  /** Seconds to wait before trying again, from the Retry-After header, when it was there. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: ProblemDetails, retryAfter?: number) {
    super(StreamRequestError.describe(status, problem));
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  private static describe(status: number, problem: ProblemDetails): string {
    const title = typeof problem.title === 'string' && problem.title.length > 0 ? problem.title : `HTTP ${status}`;
    return typeof problem.detail === 'string' && problem.detail.length > 0 ? `${title}: ${problem.detail}` : title;
  }
}

/** The service sent something this client cannot read: a line that is not JSON, or a patch that does not apply. */
export class StreamProtocolError extends StructuredStreamError {
  override name = 'StreamProtocolError';
  /** The seq of the event at fault, when it had one. */
  readonly seq: number | undefined;

  constructor(message: string, seq?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.seq = seq;
  }
}

/** The connection dropped and could not be resumed within `reconnect.maxAttempts` attempts. */
export class StreamConnectionError extends StructuredStreamError {
  override name = 'StreamConnectionError';
  /** How many times the client tried to reconnect. */
  readonly attempts: number;
  /** The last seq applied: resume from here later (`resume(streamId, { after: lastSeq, object })`). */
  readonly lastSeq: number;

  constructor(message: string, attempts: number, lastSeq: number, options?: { cause?: unknown }) {
    super(message, options);
    this.attempts = attempts;
    this.lastSeq = lastSeq;
  }
}

/** The object the patches built is not the `final` object, or the `final` checksum does not match it. */
export class ChecksumMismatchError extends StructuredStreamError {
  override name = 'ChecksumMismatchError';
  /** The checksum `final` carries. */
  readonly expected: string;
  /** The checksum computed here (of `final.object`), or '' when the objects already differ. */
  readonly actual: string;
  /** Which check failed. */
  readonly reason: 'replay' | 'checksum';

  constructor(reason: 'replay' | 'checksum', expected: string, actual: string) {
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
  override name = 'PointerError';
}

/** A JSON Patch operation could not be applied; the document is left unchanged (RFC 6902 section 5). */
export class PatchError extends StructuredStreamError {
  override name = 'PatchError';
  /** The index of the failing operation in the patch. */
  readonly index: number;
  /** Why it failed, without the index. */
  readonly reason: string;

  constructor(index: number, reason: string) {
    super(`Operation ${index}: ${reason}`);
    this.index = index;
    this.reason = reason;
  }
}
