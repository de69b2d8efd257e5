/** What `readLines` does with text after the last newline when the body ends. */
export interface ReadLinesOptions {
    /**
     * 'yield' (default): the text after the last newline is a last line (NDJSON allows leaving the final newline out).
     * 'drop': it is dropped, since a reader that resumes will get the whole line again.
     */
    tail?: 'yield' | 'drop';
}
/**
 * The lines of a UTF-8 body, without their '\n' (or '\r\n'), blank lines skipped. A streaming TextDecoder keeps
 * characters split across chunks whole, and each chunk is searched for newlines once: no text is scanned twice.
 * Leaving the loop early cancels the body.
 */
export declare function readLines(body: ReadableStream<Uint8Array>, options?: ReadLinesOptions): AsyncGenerator<string, void, undefined>;
