// Admission: over its cap a stream waits with phase 'queued' and its position, then generates; past the queue's
// cap the service answers 429 with Retry-After.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stream, StreamRequestError } from '../dist/index.js';
import { apiSkipReason, startApi } from './support/api.mjs';
import { collect } from './support/streams.mjs';

describe('queued streams', { skip: apiSkipReason(), timeout: 120_000 }, () => {
  let api;
  before(async () => {
    api = await startApi({
      StructuredStream__Admission__ActivePerClient: '1',
      StructuredStream__Admission__QueuePerClient: '1',
    });
  });
  after(async () => {
    await api?.stop();
  });

  it("a second stream shows 'queued' with position 1 while the first runs, then generates; a third gets 429", async () => {
    const slow = stream({ schemaId: 'research-answer', prompt: 'Take your time.', model: { seed: 1 }, simulation: { tokensPerSecond: 20 } }, { baseUrl: api.baseUrl });
    const slowUpdates = slow[Symbol.asyncIterator]();
    for (let next = await slowUpdates.next(); next.value?.phase !== 'generating'; next = await slowUpdates.next()) {
      assert.ok(!next.done, 'the first stream generates');
    }

    const waiting = stream({ schemaId: 'support-ticket', prompt: 'Me next.', model: { seed: 2 }, simulation: { tokensPerSecond: 0, firstTokenMs: 0 } }, { baseUrl: api.baseUrl });
    let refused;
    const { updates, error } = await collect(waiting, async update => {
      if (update.phase === 'queued' && refused === undefined) {
        assert.equal(waiting.phase, 'queued');
        refused = await stream({ schemaId: 'chat', prompt: 'And me.' }, { baseUrl: api.baseUrl }).result.catch(e => e);
        // Free the slot: the waiting stream goes on.
        await slow.cancel();
      }
    });
    assert.equal(error, undefined);

    const queued = updates.find(u => u.phase === 'queued');
    assert.ok(queued, 'a queued update');
    assert.equal(queued.position, 1);
    assert.equal(queued.event.type, 'status');
    const afterQueue = updates.slice(updates.indexOf(queued));
    assert.ok(afterQueue.some(u => u.phase === 'generating'), 'then it generates');
    assert.equal(updates.filter(u => u.phase === 'generating').every(u => u.position === undefined), true);
    const result = await waiting.result;
    assert.equal(result.outcome, 'completed');
    assert.equal(result.checksum, 'verified');

    assert.ok(refused instanceof StreamRequestError, String(refused));
    assert.equal(refused.status, 429);
    assert.equal(refused.problem.title, 'Too many streams waiting');
    assert.equal(refused.retryAfter, 5);
    assert.equal((await slow.result).outcome, 'cancelled');
  });
});
