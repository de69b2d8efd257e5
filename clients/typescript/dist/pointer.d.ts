/**
 * The reference tokens of a pointer: '' is the root (no tokens), '/' is the empty key.
 * Spec: RFC 6901 section 4, "first transforming any occurrence of the sequence '~1' to '/', and then transforming
 * any occurrence of the sequence '~0' to '~'".
 */
export declare function parsePointer(pointer: string): string[];
/** Escapes one reference token: '~' as '~0', '/' as '~1'. */
export declare function escapeToken(token: string): string;
/** The pointer of a list of tokens ([] is the root, ''). */
export declare function formatPointer(tokens: readonly string[]): string;
/**
 * The array index a token names, or -1 when it is not one. Spec: RFC 6901 section 4, array-index = %x30 / ( %x31-39
 * *(%x30-39) ): no leading zeros, no sign.
 */
export declare function arrayIndex(token: string): number;
/** The value a pointer names in `document`, or undefined when there is none. */
export declare function getAt(document: unknown, pointer: string): unknown;
/** The value the reference tokens of a pointer name in `document`, or undefined when there is none. */
export declare function valueAtTokens(document: unknown, tokens: readonly string[]): unknown;
/** Whether `ancestor` is `pointer` itself or a pointer above it ('' is above everything). */
export declare function isAtOrBelow(pointer: string, ancestor: string): boolean;
