// The checksum `final` carries: SHA-256 of the object's canonical form (RFC 8785).
import { canonicalize } from './canonical-json.js';
/**
 * `sha256:` and the lowercase hex SHA-256 of the UTF-8 bytes of `canonicalize(value)`, through
 * `globalThis.crypto.subtle` (browsers offer it in secure contexts only: https and localhost).
 * A lone surrogate in a string is encoded as U+FFFD, as the service does.
 * @throws RangeError for a value holding a number that is not finite, and Error when crypto.subtle is missing.
 */
export async function checksumOf(value) {
    const subtle = globalThis.crypto?.subtle;
    if (subtle === undefined) {
        throw new Error('crypto.subtle is not available here (browsers offer it on https and localhost only).');
    }
    const bytes = new TextEncoder().encode(canonicalize(value));
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
    let hex = '';
    for (const byte of digest) {
        hex += byte.toString(16).padStart(2, '0');
    }
    return 'sha256:' + hex;
}
