/**
 * The canonical JSON text of a value: members sorted by the UTF-16 code units of their names, no whitespace,
 * numbers in ECMAScript form, strings with the fewest escapes.
 * @throws RangeError for a number that is not finite (it has no JCS form), and TypeError for a value that is not
 * JSON (undefined, a function, a bigint …).
 */
export declare function canonicalize(value: unknown): string;
/** Whether a JSON value holds a number that is not finite (what JSON.parse makes of 1E400): it has no JCS form. */
export declare function hasNonFiniteNumber(value: unknown): boolean;
