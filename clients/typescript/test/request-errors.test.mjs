// Requests the service refuses before streaming: StreamRequestError with the status and the problem details.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { continueStream, resume, stream, StreamRequestError } from '../dist/index.js';
import { apiSkipReason, startApi } from './support/api.mjs';
import { collect } from './support/streams.mjs';

describe('refused requests', { skip: apiSkipReason(), timeout: 120_000 }, () => {
  let api;
  before(async () => {
    api = await startApi();
  });
  after(async () => {
    await api?.stop();
  });

  it('an unknown schemaId is a 404 problem', async () => {
    const s = stream({ schemaId: 'no-such-schema', prompt: 'x' }, { baseUrl: api.baseUrl });
    const { updates, error } = await collect(s);
    assert.ok(error instanceof StreamRequestError);
    await assert.rejects(s.result, error);
    assert.equal(updates.length, 0);
    assert.equal(error.status, 404);
    assert.equal(error.problem.title, 'Unknown schema');
    assert.match(error.problem.detail, /no-such-schema/);
    assert.equal(error.message, `${error.problem.title}: ${error.problem.detail}`);
    assert.equal(error.retryAfter, undefined);
  });

  it('an unknown field is a 400 problem naming it', async () => {
    const error = await stream({ schemaId: 'chat', prompt: 'x', temperature: 2 }, { baseUrl: api.baseUrl }).result.catch(e => e);
    assert.ok(error instanceof StreamRequestError);
    assert.equal(error.status, 400);
    assert.equal(error.problem.title, 'The body is not a stream request');
    assert.match(error.problem.detail, /temperature/);
  });

  it('resuming an unknown stream is a 404, and continuing a completed one a 409', async () => {
    const unknown = await resume('st_00000000000000000000000000000000', { baseUrl: api.baseUrl }).result.catch(e => e);
    assert.ok(unknown instanceof StreamRequestError);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.problem.title, 'Unknown stream');

    const done = await stream({ schemaId: 'chat', prompt: 'x', simulation: { tokensPerSecond: 0, firstTokenMs: 0 } }, { baseUrl: api.baseUrl }).result;
    const conflict = await continueStream(done.streamId, { baseUrl: api.baseUrl }).result.catch(e => e);
    assert.ok(conflict instanceof StreamRequestError);
    assert.equal(conflict.status, 409);
  });
});
