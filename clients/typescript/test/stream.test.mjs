// A stream against the running API: it completes, its replay is the final object and the checksum verifies, seqs
// only go up, completion reaches the root; phases follow the status events ('thinking' until the first patch);
// resume and regenerate.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { regenerate, resume, stream } from '../dist/index.js';
import { apiSkipReason, startApi } from './support/api.mjs';
import { applied, collect } from './support/streams.mjs';

const fast = { tokensPerSecond: 0, firstTokenMs: 0 };

describe('a stream against the API', { skip: apiSkipReason(), timeout: 120_000 }, () => {
  let api;
  before(async () => {
    api = await startApi({
      // A stalled model is noticed quickly, so the 'stalled' phase can be seen in a short test.
      StructuredStream__Model__Timeouts__StalledAfter: '00:00:00.300',
      StructuredStream__Model__Timeouts__Idle: '00:00:01',
    });
  });
  after(async () => {
    await api?.stop();
  });

  for (const schemaId of ['support-ticket', 'research-answer']) {
    it(`completes (${schemaId}): the replay is the final object, the checksum verifies, seqs only go up, '' completes last`, async () => {
      const s = stream({ schemaId, prompt: 'Summarize my issue.', model: { seed: 11 }, simulation: fast }, { baseUrl: api.baseUrl });
      assert.equal(s.phase, 'connecting');
      assert.equal(s.object, undefined);
      const { updates, error } = await collect(s);
      assert.equal(error, undefined);
      const result = await s.result;

      assert.equal(result.outcome, 'completed');
      assert.equal(result.checksum, 'verified');
      assert.deepEqual(result.object, result.final.object);
      assert.equal(updates.at(-1).object, result.object, 'the last update shows the result object');
      assert.equal(updates.at(-1).event.type, 'final');
      assert.equal(updates.at(-1).phase, 'done');
      assert.equal(s.phase, 'done');
      assert.match(result.streamId, /^st_/);
      assert.equal(s.streamId, result.streamId);
      assert.equal(result.lastSeq, result.final.seq);

      const seqs = applied(updates).map(u => u.seq);
      for (let i = 1; i < seqs.length; i++) {
        assert.ok(seqs[i] > seqs[i - 1], `seq ${seqs[i]} comes after ${seqs[i - 1]}`);
      }

      assert.equal(updates[0].event.type, 'started');
      assert.equal(updates[0].phase, 'thinking');
      assert.equal(updates[0].object, undefined, 'nothing before the first patch');
      const firstPatch = updates.find(u => u.event.type === 'patch');
      assert.equal(firstPatch.phase, 'generating');

      const lastComplete = updates.filter(u => u.event.type === 'complete').at(-1);
      assert.ok(lastComplete.event.paths.includes(''), "the last complete event names the root ''");
      assert.ok(result.final && s.isComplete('') && s.isComplete('/anything/below'));
      assert.ok(updates.at(-1).completed.has(''));
      const beforeRoot = updates.filter(u => u.event.type === 'complete').at(-2);
      assert.ok(!beforeRoot.completed.has(''), 'the root is not complete before the end');
    });
  }

  it('shows the phases of a tool call (retrieval) before generating', async () => {
    const s = stream({ schemaId: 'research-answer', prompt: 'Look it up.', model: { seed: 3 }, simulation: { ...fast, scenario: 'tool' } }, { baseUrl: api.baseUrl });
    const { updates } = await collect(s);
    const phases = updates.map(u => u.phase).filter((p, i, all) => p !== all[i - 1]);
    assert.equal(phases[0], 'thinking');
    assert.ok(phases.includes('retrieval'), `phases: ${phases.join(', ')}`);
    assert.ok(phases.indexOf('retrieval') < phases.lastIndexOf('generating'));
    const firstPatch = updates.findIndex(u => u.event.type === 'patch');
    assert.ok(updates.slice(0, firstPatch).every(u => u.phase !== 'generating'), 'nothing is generating before the first patch');
    assert.equal(updates[firstPatch].phase, 'generating');
    assert.equal((await s.result).outcome, 'completed');
  });

  it("stays 'thinking' until the first patch, though the service says 'generating' when the model call starts", async () => {
    const s = stream({ schemaId: 'support-ticket', prompt: 'Take a moment.', model: { seed: 8 }, simulation: { tokensPerSecond: 0, firstTokenMs: 1500 } }, { baseUrl: api.baseUrl });
    let saidGenerating;
    const { updates, error } = await collect(s, update => {
      if (update.event.type === 'status' && update.event.phase === 'generating' && saidGenerating === undefined) {
        saidGenerating = { at: Date.now(), phase: s.phase };
      } else if (update.event.type === 'patch' && saidGenerating !== undefined && saidGenerating.firstPatchAt === undefined) {
        saidGenerating.firstPatchAt = Date.now();
      }
    });
    assert.equal(error, undefined);
    assert.ok(saidGenerating, "the service sent status 'generating'");
    assert.equal(saidGenerating.phase, 'thinking', "the stream's phase right after status 'generating'");
    assert.ok(saidGenerating.firstPatchAt - saidGenerating.at >= 1000,
      `the model took its time to the first token (${saidGenerating.firstPatchAt - saidGenerating.at} ms)`);

    // This service calls a model 'stalled' after 300 ms without a token, so that phase may come before the first patch.
    const firstPatch = updates.findIndex(u => u.event.type === 'patch');
    const before = updates.slice(0, firstPatch);
    assert.ok(before.every(u => u.phase !== 'generating'), `phases before the first patch: ${before.map(u => u.phase).join(', ')}`);
    assert.equal(before.find(u => u.event.type === 'status' && u.event.phase === 'generating').phase, 'thinking');
    assert.equal(updates[firstPatch].phase, 'generating');
    assert.equal((await s.result).outcome, 'completed');
  });

  it("shows 'stalled' when the model stops writing, and ends timed_out keeping the partial object", async () => {
    const s = stream({ schemaId: 'sales-dashboard', prompt: 'Q3.', model: { seed: 2 }, simulation: { ...fast, scenario: 'stall', afterTokens: 30 } }, { baseUrl: api.baseUrl });
    const { updates } = await collect(s);
    const result = await s.result;
    assert.ok(updates.some(u => u.phase === 'stalled'), 'a stalled phase');
    assert.equal(result.outcome, 'timed_out');
    assert.ok(result.errors.some(e => e.code === 'timed_out'));
    assert.notEqual(result.object, null);
    assert.equal(result.checksum, 'verified');
  });

  it('resumes a stream from the start, and from a seq with or without the object held there', async () => {
    const first = stream({ schemaId: 'support-ticket', prompt: 'Resume me.', model: { seed: 5 }, simulation: fast }, { baseUrl: api.baseUrl });
    const { updates } = await collect(first);
    const done = await first.result;

    const again = resume(done.streamId, { baseUrl: api.baseUrl });
    const replayed = await again.result;
    assert.deepEqual(replayed.object, done.object);
    assert.equal(replayed.checksum, 'verified');

    const middle = applied(updates).find(u => u.event.type === 'complete' && u.seq > 4);
    const withoutObject = resume(done.streamId, { baseUrl: api.baseUrl, after: middle.seq });
    const later = await collect(withoutObject);
    assert.ok(later.updates.every(u => u.seq > middle.seq), 'only the updates after the seq are yielded');
    assert.deepEqual((await withoutObject.result).object, done.object);

    const withObject = resume(done.streamId, { baseUrl: api.baseUrl, after: middle.seq, object: middle.object, completed: middle.completed });
    const rest = await collect(withObject);
    assert.ok(rest.updates.every(u => u.seq > middle.seq));
    const end = await withObject.result;
    assert.deepEqual(end.object, done.object);
    assert.equal(end.checksum, 'verified');
    assert.ok(withObject.isComplete(''));

    // A page that kept the final update's seq and object, reloaded: the service repeats the final, nothing is retried.
    const finalUpdate = updates.at(-1);
    assert.equal(finalUpdate.event.type, 'final');
    const atEnd = resume(done.streamId, { baseUrl: api.baseUrl, after: finalUpdate.seq, object: finalUpdate.object, completed: finalUpdate.completed });
    const tail = await collect(atEnd);
    assert.deepEqual(tail.updates.map(u => `${u.event.type}@${u.seq}`), [`final@${finalUpdate.seq}`]);
    const ended = await atEnd.result;
    assert.equal(ended.outcome, 'completed');
    assert.deepEqual(ended.object, done.object);
    assert.equal(ended.checksum, 'verified');
  });

  it('regenerates a stream with changed options: a new stream that names the old one', async () => {
    const first = stream({ schemaId: 'support-ticket', prompt: 'Regenerate me.', model: { seed: 5 }, simulation: fast }, { baseUrl: api.baseUrl });
    const old = await first.result;
    const second = regenerate(old.streamId, { model: { seed: 6 } }, { baseUrl: api.baseUrl });
    const { updates } = await collect(second);
    const result = await second.result;
    assert.equal(updates[0].event.regeneratedFrom, old.streamId);
    assert.notEqual(result.streamId, old.streamId);
    assert.equal(result.outcome, 'completed');
    assert.equal(result.checksum, 'verified');
    assert.notDeepEqual(result.object, old.object, 'another seed writes another answer');
  });
});
