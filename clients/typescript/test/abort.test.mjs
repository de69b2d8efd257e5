// Stopping a stream: the service cancels the model call and ends the stream 'cancelled' with the object as shown.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stream } from '../dist/index.js';
import { apiSkipReason, getJson, startApi } from './support/api.mjs';
import { assertPrefixOf, collect, scriptedFetch } from './support/streams.mjs';

const request = (seed, simulation) => ({ schemaId: 'research-answer', prompt: 'Explain streaming.', model: { seed }, simulation });

describe('aborting a stream against the API', { skip: apiSkipReason(), timeout: 120_000 }, () => {
  let api;
  before(async () => {
    api = await startApi();
  });
  after(async () => {
    await api?.stop();
  });

  for (const how of ['the signal', 'cancel()']) {
    it(`mid-stream through ${how}: outcome 'cancelled', the object kept is the one shown, and the service says cancelled`, async () => {
      const whole = await stream(request(21, { tokensPerSecond: 0, firstTokenMs: 0 }), { baseUrl: api.baseUrl }).result;
      const controller = new AbortController();
      const s = stream(request(21, { tokensPerSecond: 40, firstTokenMs: 0 }), { baseUrl: api.baseUrl, signal: controller.signal });
      let stopped = false;
      const { updates, error } = await collect(s, update => {
        if (!stopped && typeof update.object?.answer === 'string' && update.object.answer.length > 0) {
          stopped = true;
          if (how === 'cancel()') {
            void s.cancel();
          } else {
            controller.abort();
          }
        }
      });
      assert.equal(error, undefined);
      const result = await s.result;

      assert.equal(result.outcome, 'cancelled');
      assert.equal(result.final.outcome, 'cancelled');
      assert.equal(result.checksum, 'verified', "the service's own final arrived");
      assert.deepEqual(result.object, updates.at(-1).object, 'the object kept is the last one shown');
      assert.notDeepEqual(result.object, whole.object, 'the stream stopped before its end');
      assertPrefixOf(result.object, whole.object);
      assert.equal(s.phase, 'done');

      const state = await getJson(`${api.baseUrl}/v1/streams/${result.streamId}`);
      assert.equal(state.status, 'cancelled');
      assert.deepEqual(state.object, result.object);
      assert.equal(state.seq, result.lastSeq);
    });
  }

  it('leaving the loop early cancels the stream', async () => {
    const s = stream(request(22, { tokensPerSecond: 40, firstTokenMs: 0 }), { baseUrl: api.baseUrl });
    for await (const update of s) {
      if (update.event.type === 'patch') {
        break;
      }
    }

    const result = await s.result;
    assert.equal(result.outcome, 'cancelled');
    const state = await getJson(`${api.baseUrl}/v1/streams/${result.streamId}`);
    assert.equal(state.status, 'cancelled');
  });
});

describe('aborting before the stream id is known', () => {
  it('aborts the request and ends cancelled without a DELETE', async () => {
    const requests = [];
    let fetchAborted = false;
    const fetch = (url, init) => {
      requests.push(init.method);
      return new Promise((_, reject) => init.signal.addEventListener('abort', () => {
        fetchAborted = true;
        reject(new DOMException('This operation was aborted', 'AbortError'));
      }));
    };
    const controller = new AbortController();
    const s = stream({ schemaId: 'chat', prompt: 'Hi.' }, { baseUrl: 'http://127.0.0.1:9', fetch, signal: controller.signal });
    assert.equal(s.phase, 'connecting');
    controller.abort();
    const result = await s.result;
    assert.equal(fetchAborted, true);
    assert.deepEqual(requests, ['POST']);
    assert.equal(result.outcome, 'cancelled');
    assert.equal(result.object, null);
    assert.equal(result.checksum, 'unverifiable', 'no final came from the service');
  });

  it('does not even send the request when the signal is already aborted', async () => {
    const { fetch, requests } = scriptedFetch([{ lines: [] }]);
    const s = stream({ schemaId: 'chat', prompt: 'Hi.' }, { baseUrl: 'http://127.0.0.1:9', fetch, signal: AbortSignal.abort() });
    assert.equal((await s.result).outcome, 'cancelled');
    assert.equal(requests.length, 0);
  });

});

describe('cancelling when no final comes', () => {
  it("ends with the DELETE's state after the ~3 s grace time", async () => {
    const requests = [];
    const events = [
      { seq: 1, type: 'started', streamId: 'st_x', schemaHash: 'sha256:0', model: 'm', eventsUrl: '/v1/streams/st_x/events' },
      { seq: 2, type: 'patch', ops: [{ op: 'add', path: '', value: { a: 'x' } }] },
    ];
    const script = scriptedFetch([{ lines: events, end: 'hang' }]);
    const wrapped = async (url, init) => {
      if (init.method === 'DELETE') {
        requests.push({ method: 'DELETE', url });
        return new Response(JSON.stringify({ id: 'st_x', status: 'cancelled', seq: 3, object: { a: 'xy' } }), { headers: { 'Content-Type': 'application/json' } });
      }

      return script.fetch(url, init);
    };
    const s = stream({ schemaId: 'chat', prompt: 'Hi.' }, { baseUrl: 'http://127.0.0.1:9', fetch: wrapped });
    for await (const update of s) {
      if (update.event.type === 'patch') {
        void s.cancel();
      }
    }

    const result = await s.result;
    assert.deepEqual(requests, [{ method: 'DELETE', url: 'http://127.0.0.1:9/v1/streams/st_x' }]);
    assert.equal(result.outcome, 'cancelled');
    assert.deepEqual(result.object, { a: 'xy' }, "the object the service kept, from the DELETE's answer");
    assert.equal(result.lastSeq, 3);
    assert.equal(result.checksum, 'unverifiable');
  });
});
