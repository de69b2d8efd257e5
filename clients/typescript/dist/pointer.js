// JSON Pointer (RFC 6901).
import { PointerError } from './errors.js';
/**
 * The reference tokens of a pointer: '' is the root (no tokens), '/' is the empty key.
 * Spec: RFC 6901 section 4, "first transforming any occurrence of the sequence '~1' to '/', and then transforming
 * any occurrence of the sequence '~0' to '~'".
 */
export function parsePointer(pointer) {
    if (pointer === '') {
        return [];
    }
    if (pointer.charCodeAt(0) !== 0x2f /* / */) {
        throw new PointerError(`The pointer '${pointer}' does not start with '/'.`);
    }
    const tokens = pointer.slice(1).split('/');
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token.includes('~')) {
            // Spec: RFC 6901 section 3, escaped = "~" ( "0" / "1" ); any other '~' makes the pointer invalid.
            if (/~(?![01])/.test(token)) {
                throw new PointerError(`The pointer '${pointer}' has a '~' that is not '~0' or '~1'.`);
            }
            tokens[i] = token.replace(/~1/g, '/').replace(/~0/g, '~');
        }
    }
    return tokens;
}
/** Escapes one reference token: '~' as '~0', '/' as '~1'. */
export function escapeToken(token) {
    return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
/** The pointer of a list of tokens ([] is the root, ''). */
export function formatPointer(tokens) {
    let pointer = '';
    for (const token of tokens) {
        pointer += '/' + escapeToken(token);
    }
    return pointer;
}
/**
 * The array index a token names, or -1 when it is not one. Spec: RFC 6901 section 4, array-index = %x30 / ( %x31-39
 * *(%x30-39) ): no leading zeros, no sign.
 */
export function arrayIndex(token) {
    if (!/^(?:0|[1-9][0-9]*)$/.test(token)) {
        return -1;
    }
    const index = Number(token);
    return Number.isSafeInteger(index) ? index : -1;
}
/** The value a pointer names in `document`, or undefined when there is none. */
export function getAt(document, pointer) {
    return valueAtTokens(document, parsePointer(pointer));
}
/** The value the reference tokens of a pointer name in `document`, or undefined when there is none. */
export function valueAtTokens(document, tokens) {
    let current = document;
    for (const token of tokens) {
        if (Array.isArray(current)) {
            const index = arrayIndex(token);
            if (index < 0 || index >= current.length) {
                return undefined;
            }
            current = current[index];
        }
        else if (current !== null && typeof current === 'object' && Object.hasOwn(current, token)) {
            current = current[token];
        }
        else {
            return undefined;
        }
    }
    return current;
}
/** Whether `ancestor` is `pointer` itself or a pointer above it ('' is above everything). */
export function isAtOrBelow(pointer, ancestor) {
    return pointer === ancestor || (pointer.startsWith(ancestor) && pointer.charCodeAt(ancestor.length) === 0x2f);
}
