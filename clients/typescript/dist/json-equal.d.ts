/** Whether two JSON values are equal (RFC 6902 section 4.6 "test" semantics; numbers compare as numbers). */
export declare function jsonEqual(a: unknown, b: unknown): boolean;
