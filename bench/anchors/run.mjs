// What the popular libraries do after every chunk when they stream objects, on the chunk files our engine reads
// (report-*.chunks.ndjson: one JSON string a line). Re-parsing anchors parse the whole text so far after each chunk;
// the diff anchor then compares with the previous object and counts the JSON Patch it would send; @streamparser/json
// is an incremental tokenizer that builds no partial objects. An anchor that goes past the time limit on a size stops
// there and is not run on larger ones.
//   node run.mjs CORPUS_DIR OUT.json [LIMIT_SECONDS=60]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { parsePartialJson } from 'ai';
import { disableErrorLogging, parse as bestEffortParse } from 'best-effort-json-parser';
import jsonPatch from 'fast-json-patch';
import { parse as partialJsonParse } from 'partial-json';
import { JSONParser } from '@streamparser/json';

const [corpus, output, limitArgument] = process.argv.slice(2);
if (!corpus || !output) {
  console.error('usage: node run.mjs CORPUS_DIR OUT.json [LIMIT_SECONDS]');
  process.exit(2);
}

const limitMs = Number(limitArgument ?? 60) * 1000;
disableErrorLogging();

/** Each anchor: a fresh state per document, and the work it does after one more chunk (given the text so far). */
const anchors = [
  {
    name: 'ai parsePartialJson',
    start: () => ({ text: '' }),
    step: async (state, chunk) => {
      state.text += chunk;
      await parsePartialJson(state.text);
    },
  },
  {
    name: 'partial-json',
    start: () => ({ text: '' }),
    step: (state, chunk) => {
      state.text += chunk;
      partial(state.text);
    },
  },
  {
    name: 'best-effort-json-parser',
    start: () => ({ text: '' }),
    step: (state, chunk) => {
      state.text += chunk;
      try {
        bestEffortParse(state.text);
      } catch {
        // Text it cannot read yet (an unfinished escape): the next chunk may fix it.
      }
    },
  },
  {
    name: 'diff: partial parse + fast-json-patch compare',
    start: () => ({ text: '', previous: undefined, wireBytes: 0, lines: [] }),
    step: (state, chunk) => {
      state.text += chunk;
      const current = partial(state.text);
      if (current === undefined) return;
      const ops = state.previous === undefined ? [{ op: 'replace', path: '', value: current }] : jsonPatch.compare(state.previous, current);
      if (ops.length > 0) {
        const line = `${JSON.stringify(ops)}\n`;
        state.wireBytes += Buffer.byteLength(line);
        state.lines.push(line);
      }
      state.previous = current;
    },
  },
  {
    name: '@streamparser/json (tokenizer, no partial objects)',
    start: () => {
      const parser = new JSONParser();
      parser.onValue = () => {};
      return { parser };
    },
    step: (state, chunk) => state.parser.write(chunk),
  },
];

async function gzippedBytes(lines) {
  const gzip = zlib.createGzip();
  let bytes = 0;
  gzip.on('data', data => { bytes += data.length; });
  for (const line of lines) {
    gzip.write(line);
    await new Promise(resolve => gzip.flush(zlib.constants.Z_SYNC_FLUSH, resolve));
  }
  await new Promise(resolve => gzip.end(resolve));
  return bytes;
}

function partial(text) {
  try {
    return partialJsonParse(text);
  } catch {
    return undefined; // nothing readable yet
  }
}

const files = readdirSync(corpus).filter(f => f.endsWith('.chunks.ndjson'))
  .map(f => ({ file: f, chunks: readFileSync(join(corpus, f), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line)) }))
  .map(f => ({ ...f, documentBytes: Buffer.byteLength(f.chunks.join('')) }))
  .sort((a, b) => a.documentBytes - b.documentBytes);

async function measure(anchor, file, chunks, documentBytes) {
  const state = anchor.start();
  const times = new Float64Array(chunks.length);
  const start = performance.now();
  let done = 0;
  for (; done < chunks.length; done++) {
    const before = performance.now();
    await anchor.step(state, chunks[done]);
    times[done] = performance.now() - before;
    if (before - start > limitMs) break;
  }

  const finished = done === chunks.length;
  const sorted = Array.from(times.subarray(0, Math.max(done, 1))).sort((a, b) => a - b);
  const row = {
    anchor: anchor.name, file, documentBytes, chunks: chunks.length, finished, chunksDone: done,
    totalMs: performance.now() - start,
    p50Us: sorted[Math.floor(sorted.length / 2)] * 1000,
    p99Us: sorted[Math.floor(sorted.length * 0.99)] * 1000,
  };
  if ('wireBytes' in state) {
    row.wireBytes = state.wireBytes;
    // Outside the timed loop: the same lines gzip-compressed with a flush after each, as a server would send them.
    if (finished) row.wireBytesGzip = await gzippedBytes(state.lines);
  }

  return row;
}

const repeatBelowMs = 5000;
const results = [];
for (const anchor of anchors) {
  let gaveUpAt;
  for (const { file, chunks, documentBytes } of files) {
    if (gaveUpAt) {
      results.push({ anchor: anchor.name, file, documentBytes, chunks: chunks.length, finished: false, skipped: `did not finish ${gaveUpAt}` });
      continue;
    }

    // An anchor that finishes a size quickly runs it three times and keeps the run with the median total, as our side
    // keeps the median of its runs: one slow moment of a shared machine should not decide a ratio.
    let row = await measure(anchor, file, chunks, documentBytes);
    if (row.finished && row.totalMs < repeatBelowMs) {
      const runs = [row, await measure(anchor, file, chunks, documentBytes), await measure(anchor, file, chunks, documentBytes)];
      row = runs.sort((x, y) => x.totalMs - y.totalMs)[1];
      row.runs = runs.length;
    }

    const { finished, chunksDone: done } = row;
    results.push(row);
    console.log(`${anchor.name} ${file}: ${finished ? `${row.totalMs.toFixed(0)} ms` : `stopped after ${done} of ${chunks.length} chunks (${(limitMs / 1000)} s)`}`);
    if (!finished) gaveUpAt = file;
  }
}

writeFileSync(output, JSON.stringify(results, null, 2));
