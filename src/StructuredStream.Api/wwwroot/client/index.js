// @structuredstream/client: streams a model's structured output from a StructuredStream service.
export { stream, resume, regenerate, continueStream, StructuredStream } from './stream.js';
export { FrameBatcher, renderInFrames, defaultScheduler } from './frames.js';
export { applyPatch } from './patch.js';
export { parsePointer, formatPointer, escapeToken, getAt } from './pointer.js';
export { canonicalize, hasNonFiniteNumber } from './canonical-json.js';
export { checksumOf } from './checksum.js';
export { jsonEqual } from './json-equal.js';
export { readLines } from './ndjson.js';
export { backoffDelay } from './backoff.js';
export { StructuredStreamError, StreamRequestError, StreamProtocolError, StreamConnectionError, ChecksumMismatchError, PatchError, PointerError, } from './errors.js';
