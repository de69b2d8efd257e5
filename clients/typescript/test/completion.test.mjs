// Per-path completion from `complete` events: a path is complete when it, or a value holding it, was completed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksumOf, stream } from '../dist/index.js';
import { collect, scriptedFetch } from './support/streams.mjs';

const object = { a: { b: 'x', bc: 'y' }, c: { d: [1] } };
const events = [
  { seq: 1, type: 'patch', ops: [{ op: 'add', path: '', value: object }] },
  { seq: 2, type: 'complete', paths: ['/a/b', '/c'] },
  { seq: 3, type: 'complete', paths: ['/a/bc', '/a', ''] },
];

describe('completion', () => {
  it('marks each completed path and everything below it, nothing else', async () => {
    // The stream stops after seq 2 (the connection breaks and cannot be resumed), so the state stays there.
    const { fetch } = scriptedFetch([{ lines: events.slice(0, 2), end: 'error' }, { reject: true }]);
    const s = stream({ schemaId: 'x', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { maxAttempts: 1, initialDelayMs: 1 } });
    await assert.rejects(s.result);
    const paths = ['/a/b', '/a/b/c', '/a', '/c', '/c/d/0', '/cd', '', '/a/bc'];
    assert.deepEqual(paths.filter(p => s.isComplete(p)), ['/a/b', '/a/b/c', '/c', '/c/d/0']);
  });

  it("completes everything once '' is complete, and each update keeps the set as it was then", async () => {
    const final = { seq: 4, type: 'final', outcome: 'completed', object, repairs: [], errors: [], checksum: await checksumOf(object) };
    const { fetch } = scriptedFetch([{ lines: [...events, final] }]);
    const s = stream({ schemaId: 'x', prompt: 'x' }, { baseUrl: 'http://service', fetch });
    const { updates } = await collect(s);
    assert.equal(updates[0].completed.size, 0);
    assert.deepEqual([...updates[1].completed], ['/a/b', '/c']);
    assert.deepEqual([...updates[2].completed], ['/a/b', '/c', '/a/bc', '/a', '']);
    assert.ok(s.isComplete('/a/bc') && s.isComplete('/anything/at/all'));
  });
});

describe('CompletedPaths', () => {
  it('gives every update its own view of one shared log, however many completes come', async () => {
    const { CompletedPaths } = await import('../dist/completed-paths.js');
    const views = [CompletedPaths.of()];
    for (let i = 0; i < 10_000; i++) views.push(views.at(-1).with([`/rows/${i}`, `/rows/${i}`]));
    assert.equal(views[0].size, 0);
    assert.equal(views[3].size, 3);
    assert.deepEqual([...views[3]], ['/rows/0', '/rows/1', '/rows/2']);
    assert.ok(views[3].has('/rows/2') && !views[3].has('/rows/3'));
    assert.equal(views.at(-1).size, 10_000);
    assert.deepEqual([...views[2].entries()], [['/rows/0', '/rows/0'], ['/rows/1', '/rows/1']]);
  });

  it('extending an older view leaves the newer ones as they were', async () => {
    const { CompletedPaths } = await import('../dist/completed-paths.js');
    const older = CompletedPaths.of(['/a']);
    const newer = older.with(['/b']);
    const branch = older.with(['/c']);
    assert.deepEqual([...newer], ['/a', '/b']);
    assert.deepEqual([...branch], ['/a', '/c']);
    assert.deepEqual([...older], ['/a']);
    const seen = [];
    branch.forEach((value, key, set) => seen.push([value, key, set === branch]));
    assert.deepEqual(seen, [['/a', '/a', true], ['/c', '/c', true]]);
  });
});
