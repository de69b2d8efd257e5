// Turns one run of bench/compare.sh into the markdown table of docs/benchmarks.md: per size, total time, per-chunk
// p50/p99 and NDJSON bytes per document byte for our engine (in process and whole CLI process) and every anchor, then
// how the run stands against the targets. Prints the table; with a file, writes it between the compare markers.
//   node table.mjs RESULTS_DIR DOTNET_VERSION [docs/benchmarks.md]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const [dir, dotnetVersion, target] = process.argv.slice(2);
const ours = JSON.parse(readFileSync(join(dir, 'ours.json'), 'utf8'));
const cli = JSON.parse(readFileSync(join(dir, 'cli.json'), 'utf8'));
const anchors = JSON.parse(readFileSync(join(dir, 'anchors.json'), 'utf8'));
// Our side under BenchmarkDotNet (ChunkFileBenchmarks): the median total per chunk file, without per-chunk clock reads.
const bdnReport = join(dir, 'bdn', 'results', 'StructuredStream.Benchmarks.ChunkFileBenchmarks-report-full-compressed.json');
const benchmarked = existsSync(bdnReport)
  ? JSON.parse(readFileSync(bdnReport, 'utf8')).Benchmarks.map(b => ({ file: `${b.Parameters.replace('File=', '')}.chunks.ndjson`, totalMs: b.Statistics.Median / 1e6 }))
  : [];

const files = [...new Set(ours.map(r => r.file))].sort((a, b) => size(a) - size(b));
const kb = bytes => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const ms = v => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const us = v => (v === undefined ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (bytes, doc) => (bytes === undefined ? '' : `${(bytes / doc).toFixed(2)}x`);

function size(file) {
  return ours.find(r => r.file === file)?.documentBytes ?? 0;
}

const lines = [];
lines.push('```bash', `bash bench/compare.sh${process.argv.length > 4 ? '' : ' --no-write'}`, '```', '');
lines.push(`Run of ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0].model.trim()}, ${os.cpus().length} cores, ${os.type()} ${os.release()}, ` +
  `.NET SDK ${dotnetVersion}, node ${process.version}. Chunks of 1 to 8 characters (\`ReportCorpus\`, the engine benchmark's ` +
  'corpus); after every chunk each anchor does what it does when streaming an object. Ours in process: the event stream ' +
  'formatted as NDJSON, after warm-up, median of 11 (each chunk timed), and the same under BenchmarkDotNet (in process, 10 iterations after 3 warm-up ones, the median); an anchor that finishes a size in under 5 s, median of 3 runs; ' +
  'CLI: `structured-stream replay --chunks` as a whole process, median of 3.', '');

for (const file of files) {
  const doc = size(file);
  const chunks = ours.find(r => r.file === file).chunks;
  const append = ours.find(r => r.file === file && r.mode === 'append');
  lines.push(`**${kb(doc)}** (${chunks.toLocaleString('en')} chunks)`, '');
  lines.push('| what runs after every chunk | total ms | p50 µs/chunk | p99 µs/chunk | wire bytes / document byte (live; caught up) | vs ours |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const row of ours.filter(r => r.file === file)) {
    const wire = `${ratio(row.wireBytes, doc)}; ${ratio(row.caughtUpWireBytes, doc)}`;
    lines.push(`| ours, in process, \`${row.mode}\` patches | ${ms(row.totalMs)} | ${us(row.p50Us)} | ${us(row.p99Us)} | ${wire} | ${row.mode === 'append' ? '1x' : `${(row.totalMs / append.totalMs).toFixed(1)}x`} |`);
  }
  const bdn = benchmarked.find(r => r.file === file);
  if (bdn) lines.push(`| ours, in process, \`append\` patches, BenchmarkDotNet (median, no per-chunk clock) | ${ms(bdn.totalMs)} | | | | ${(bdn.totalMs / append.totalMs).toFixed(1)}x |`);
  const whole = cli.find(r => r.file === file);
  if (whole) lines.push(`| ours, CLI \`replay\` (whole process, startup included) | ${ms(whole.totalMs)} | | | | |`);
  for (const row of anchors.filter(r => r.file === file)) {
    if (!row.finished) {
      const why = row.skipped ? `not run: ${row.skipped.replace('.chunks.ndjson', '')}` : `did not finish in the time limit (${row.chunksDone.toLocaleString('en')} of ${row.chunks.toLocaleString('en')} chunks)`;
      lines.push(`| ${row.anchor} | ${why} | | | | |`);
      continue;
    }
    lines.push(`| ${row.anchor} | ${ms(row.totalMs)} | ${us(row.p50Us)} | ${us(row.p99Us)} | ${ratio(row.wireBytes, doc)} | ${(row.totalMs / append.totalMs).toFixed(0)}x |`);
  }
  lines.push('');
  lines.push(...wireTable(file, doc), '');
}

// Bytes on the wire per document byte: one event per chunk, and chunks merged over windows (Streams:CoalesceWithin),
// each plain and gzip-compressed with a flush after every event (Streams:Compress, for clients that accept gzip).
function wireTable(file, doc) {
  const windows = [...new Set(ours.flatMap(r => (r.wire ?? []).map(w => w.chunksPerWindow)))].sort((a, b) => a - b);
  const title = n => (n === 1 ? 'per chunk' : `${n} chunks a window`);
  const rows = ['| wire bytes / document byte | ' + windows.flatMap(n => [title(n), `${title(n)}, gzip`]).join(' | ') + ' | caught up |',
    '|---|' + windows.flatMap(() => ['---:', '---:']).join('|') + '|---:|'];
  for (const row of ours.filter(r => r.file === file && r.wire)) {
    const cells = windows.flatMap(n => [false, true].map(gzip => ratio(row.wire.find(w => w.chunksPerWindow === n && w.gzip === gzip)?.bytes, doc)));
    rows.push(`| ours, \`${row.mode}\` patches | ${cells.join(' | ')} | ${ratio(row.caughtUpWireBytes, doc)} |`);
  }
  const diff = anchors.find(r => r.file === file && r.wireBytes !== undefined && r.finished);
  if (diff) {
    const cells = windows.flatMap(n => (n === 1 ? [ratio(diff.wireBytes, doc), ratio(diff.wireBytesGzip, doc)] : ['', '']));
    rows.push(`| ${diff.anchor} (a patch per chunk) | ${cells.join(' | ')} | |`);
  }
  return rows;
}

function wireOf(row, chunksPerWindow, gzip) {
  return row.wire?.find(w => w.chunksPerWindow === chunksPerWindow && w.gzip === gzip)?.bytes;
}

// The targets of the benchmarks issue, as this run measured them.
const first = ours.find(r => r.file === files[0] && r.mode === 'append');
const last = ours.find(r => r.file === files.at(-1) && r.mode === 'append');
const growth = (last.totalMs / last.documentBytes) / (first.totalMs / first.documentBytes);
lines.push('Against the targets, in this run:', '');
lines.push(`- Our cost per byte at ${kb(last.documentBytes)} is ${growth.toFixed(2)}x what it is at ${kb(first.documentBytes)} (linear: a constant cost per byte; the re-parsing anchors' cost per byte grows with the size).`);
const at20 = files.find(f => /20kb/.test(f));
if (at20) {
  const ours20 = ours.find(r => r.file === at20 && r.mode === 'append');
  const reparsing = anchors.filter(r => r.file === at20 && !r.anchor.startsWith('@streamparser'));
  const slowest = Math.min(...reparsing.filter(r => r.finished).map(r => r.totalMs / ours20.totalMs));
  lines.push(`- At 20 KB every re-parsing anchor is at least ${slowest.toFixed(0)}x slower than ours (target: 500x).`);
}
const at1mb = files.find(f => /1mb/.test(f));
const tokenizer = at1mb && anchors.find(r => r.file === at1mb && r.anchor.startsWith('@streamparser') && r.finished);
if (tokenizer) {
  const ours1 = ours.find(r => r.file === at1mb && r.mode === 'append');
  const bdn1 = benchmarked.find(r => r.file === at1mb);
  const againstBdn = bdn1 ? ` (${(tokenizer.totalMs / bdn1.totalMs).toFixed(1)}x BenchmarkDotNet's median of ours)` : '';
  lines.push(`- At 1 MB \`@streamparser/json\` takes ${(tokenizer.totalMs / ours1.totalMs).toFixed(1)}x our time${againstBdn}, while building no partial object (target: 5x).`);
}
const diffWire = anchors.filter(r => r.wireBytes !== undefined && r.finished);
const appendRows = files.map(f => ours.find(r => r.file === f && r.mode === 'append'));
lines.push(`- \`append\` mode sends a live reader, by size: one event per chunk ${appendRows.map(r => ratio(r.wireBytes, r.documentBytes)).join(', ')} the document's bytes ` +
  `(${appendRows.map(r => ratio(wireOf(r, 1, true), r.documentBytes)).join(', ')} gzipped); ` +
  `chunks merged 5 a window ${appendRows.map(r => ratio(wireOf(r, 5, false), r.documentBytes)).join(', ')} ` +
  `(${appendRows.map(r => ratio(wireOf(r, 5, true), r.documentBytes)).join(', ')} gzipped); a reader that catches up ${appendRows.map(r => ratio(r.caughtUpWireBytes, r.documentBytes)).join(', ')}; ` +
  `the diff approach ${diffWire.map(r => ratio(r.wireBytes, r.documentBytes)).join(', ')} (${diffWire.map(r => ratio(r.wireBytesGzip, r.documentBytes)).join(', ')} gzipped) (target for ours: at most 1.5x).`);
lines.push('');

const table = lines.join('\n');
console.log(table);
if (target) {
  const begin = '<!-- compare:begin -->';
  const end = '<!-- compare:end -->';
  const doc = readFileSync(target, 'utf8');
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${target} has no ${begin} … ${end} markers`);
  writeFileSync(target, `${doc.slice(0, from + begin.length)}\n${table}\n${doc.slice(to)}`);
  console.log(`written to ${target}`);
}
