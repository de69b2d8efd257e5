/**
 * `sha256:` and the lowercase hex SHA-256 of the UTF-8 bytes of `canonicalize(value)`, through
 * `globalThis.crypto.subtle` (browsers offer it in secure contexts only: https and localhost).
 * A lone surrogate in a string is encoded as U+FFFD, as the service does.
 * @throws RangeError for a value holding a number that is not finite, and Error when crypto.subtle is missing.
 */
export declare function checksumOf(value: unknown): Promise<string>;
