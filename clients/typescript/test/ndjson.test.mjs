// readLines: NDJSON lines from a byte stream, whatever the chunking.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLines } from '../dist/index.js';

function bodyOf(chunks) {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) {
        controller.enqueue(chunks[i++]);
      } else {
        controller.close();
      }
    },
  });
}

async function linesOf(chunks, options) {
  const lines = [];
  for await (const line of readLines(bodyOf(chunks), options)) {
    lines.push(line);
  }

  return lines;
}

describe('readLines', () => {
  const text = '{"seq":1,"s":"Zürich €"}\r\n\n{"seq":2,"s":"😀"}\n{"seq":3}';
  const bytes = new TextEncoder().encode(text);

  it('gives the same lines for every way of cutting the bytes, multi-byte characters included', async () => {
    const expected = ['{"seq":1,"s":"Zürich €"}', '{"seq":2,"s":"😀"}', '{"seq":3}'];
    for (let cut = 0; cut <= bytes.length; cut++) {
      assert.deepEqual(await linesOf([bytes.slice(0, cut), bytes.slice(cut)]), expected, `cut at byte ${cut}`);
    }

    assert.deepEqual(await linesOf([...bytes].map(b => new Uint8Array([b]))), expected, 'one byte per chunk');
  });

  it("drops the text after the last newline when asked ('drop'), for a reader that resumes", async () => {
    assert.deepEqual(await linesOf([bytes], { tail: 'drop' }), ['{"seq":1,"s":"Zürich €"}', '{"seq":2,"s":"😀"}']);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":1}\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const line of readLines(body)) {
      assert.equal(line, '{"a":1}');
      break;
    }

    assert.equal(cancelled, true);
  });
});
