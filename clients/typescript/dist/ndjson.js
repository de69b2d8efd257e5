// Lines of an NDJSON body, decoded as they arrive.
/**
 * The lines of a UTF-8 body, without their '\n' (or '\r\n'), blank lines skipped. A streaming TextDecoder keeps
 * characters split across chunks whole, and each chunk is searched for newlines once: no text is scanned twice.
 * Leaving the loop early cancels the body.
 */
export async function* readLines(body, options) {
    const reader = body.getReader();
    const decoder = new TextDecoder('utf-8');
    let pending = '';
    let finished = false;
    try {
        while (true) {
            const { done, value } = await reader.read();
            const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
            let start = 0;
            for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
                const line = trimEnd(pending + text.slice(start, newline));
                pending = '';
                start = newline + 1;
                if (line.length > 0) {
                    yield line;
                }
            }
            pending += text.slice(start);
            if (done) {
                finished = true;
                break;
            }
        }
        const tail = trimEnd(pending);
        if (tail.length > 0 && (options?.tail ?? 'yield') === 'yield') {
            yield tail;
        }
    }
    finally {
        if (!finished) {
            // The consumer stopped early or the read failed: release the connection.
            await reader.cancel().catch(() => undefined);
        }
        reader.releaseLock();
    }
}
function trimEnd(line) {
    return line.endsWith('\r') ? line.slice(0, -1) : line;
}
