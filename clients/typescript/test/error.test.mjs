// A fault mid-stream: outcome 'failed', the error event reported, the partial object kept; continuing it completes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { continueStream, stream } from '../dist/index.js';
import { apiSkipReason, startApi } from './support/api.mjs';
import { assertPrefixOf, collect } from './support/streams.mjs';

describe('an error mid-stream', { skip: apiSkipReason(), timeout: 120_000 }, () => {
  let api;
  before(async () => {
    api = await startApi();
  });
  after(async () => {
    await api?.stop();
  });

  it("ends 'failed' keeping the partial object and the error; continueStream goes on to 'completed'", async () => {
    const request = { schemaId: 'research-answer', prompt: 'Fail halfway.', model: { seed: 4 } };
    const s = stream({ ...request, simulation: { scenario: 'error', afterTokens: 10, tokensPerSecond: 0, firstTokenMs: 0 } }, { baseUrl: api.baseUrl });
    const { updates, error } = await collect(s);
    assert.equal(error, undefined, 'a failed stream is not an exception: it ends with a result');
    const failed = await s.result;

    assert.equal(failed.outcome, 'failed');
    assert.equal(failed.checksum, 'verified');
    assert.equal(failed.errors.length, 1);
    assert.equal(failed.errors[0].type, 'error');
    assert.equal(failed.errors[0].code, 'model_error');
    assert.equal(failed.errors[0].retryable, true);
    const errorUpdate = updates.find(u => u.event.type === 'error');
    assert.equal(errorUpdate.event, failed.errors[0]);
    assert.ok(failed.object !== null && typeof failed.object === 'object', 'the partial object is kept');
    assert.deepEqual(failed.object, failed.final.object);
    assert.ok(!s.isComplete(''));

    const next = continueStream(failed.streamId, { baseUrl: api.baseUrl });
    const continued = await collect(next);
    assert.equal(continued.error, undefined);
    const done = await next.result;
    assert.equal(continued.updates[0].event.continuedFrom, failed.streamId);
    const firstPatch = continued.updates.find(u => u.event.type === 'patch');
    assert.deepEqual(firstPatch.object, failed.object, 'the continued stream starts from the kept object');
    assert.equal(done.outcome, 'completed');
    assert.equal(done.checksum, 'verified');
    assert.ok(next.isComplete(''));
    assertPrefixOf(failed.object, done.object);
  });

  it('continueStream with an edited object goes on from the edit; an edit that breaks the schema is refused', async () => {
    const s = stream({ schemaId: 'signup-form', prompt: 'Fail early.', simulation: { scenario: 'error', afterTokens: 12, tokensPerSecond: 0, firstTokenMs: 0 } }, { baseUrl: api.baseUrl });
    const failed = await s.result;
    assert.equal(failed.outcome, 'failed');

    const edited = { ...failed.object, fullName: 'Grace Hopper' };
    const next = continueStream(failed.streamId, { baseUrl: api.baseUrl, object: edited });
    const done = await next.result;
    assert.equal(done.outcome, 'completed');
    assert.equal(done.object.fullName, 'Grace Hopper');

    const refused = await continueStream(failed.streamId, { baseUrl: api.baseUrl, object: { ...failed.object, plan: 'platinum' } }).result.catch(e => e);
    assert.equal(refused.status, 422);
    assert.match(refused.message, /edited object cannot be continued/);
  });
});
