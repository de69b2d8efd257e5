// Network drops: the client shows 'reconnecting', resumes after the last seq it applied (Last-Event-ID and ?after=),
// never applies an event twice, and gives up after maxAttempts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stream, StreamConnectionError, StreamProtocolError, StreamRequestError } from '../dist/index.js';
import { apiSkipReason, startApi } from './support/api.mjs';
import { startProxy } from './support/proxy.mjs';
import { applied, collect, scriptedFetch } from './support/streams.mjs';

describe('a network drop mid-stream, through a proxy', { skip: apiSkipReason(), timeout: 120_000 }, () => {
  let api;
  let proxy;
  before(async () => {
    api = await startApi();
    proxy = await startProxy(api.baseUrl);
  });
  after(async () => {
    await proxy?.close();
    await api?.stop();
  });

  it('cut twice: reconnects, resumes and ends with the object of an uncut stream, each seq applied once', async () => {
    const request = { schemaId: 'research-answer', prompt: 'Survive the drops.', model: { seed: 9 } };
    const direct = await stream({ ...request, simulation: { tokensPerSecond: 0, firstTokenMs: 0 } }, { baseUrl: api.baseUrl }).result;

    const resumes = [];
    const recordingFetch = (url, init) => {
      if (init.method === 'GET') {
        resumes.push({ url: String(url), lastEventId: init.headers['Last-Event-ID'] });
      }

      return fetch(url, init);
    };
    const s = stream({ ...request, simulation: { tokensPerSecond: 40, firstTokenMs: 0 } },
      { baseUrl: proxy.baseUrl, fetch: recordingFetch, reconnect: { initialDelayMs: 50 } });
    let cuts = 0;
    let patchesSinceCut = 0;
    const seqsBeforeCut = [];
    const { updates, error } = await collect(s, update => {
      if (update.event.type === 'patch' && ++patchesSinceCut >= 2 && cuts < 2) {
        seqsBeforeCut.push(update.seq);
        // The cut lands while the stream still runs: the client is at most a few events ahead of this update.
        assert.ok(proxy.cut() >= 1, 'an open connection was cut');
        cuts++;
        patchesSinceCut = 0;
      }
    });
    assert.equal(error, undefined);
    const result = await s.result;

    assert.equal(cuts, 2);
    const reconnecting = updates.filter(u => u.event.type === 'reconnecting');
    assert.ok(reconnecting.length >= 2, `at least two reconnecting updates (got ${reconnecting.length})`);
    for (const update of reconnecting) {
      assert.equal(update.phase, 'reconnecting');
      assert.ok(update.event.delayMs >= 0 && update.event.reason.length > 0);
    }

    const afterReconnect = updates[updates.indexOf(reconnecting.at(-1)) + 1];
    assert.notEqual(afterReconnect.phase, 'reconnecting', 'the phase comes back with the next event');

    assert.ok(resumes.length >= 2);
    for (const { url, lastEventId } of resumes) {
      assert.equal(new URL(url).searchParams.get('after'), lastEventId, 'the cursor goes both as ?after= and as Last-Event-ID');
    }

    const seqs = applied(updates).map(u => u.seq);
    assert.equal(new Set(seqs).size, seqs.length, 'no seq applied twice');
    for (let i = 1; i < seqs.length; i++) {
      assert.ok(seqs[i] > seqs[i - 1]);
    }

    assert.equal(result.outcome, 'completed');
    assert.equal(result.checksum, 'verified');
    assert.deepEqual(result.object, direct.object, 'the same object as a stream read without drops');
  });
});

const started = { seq: 1, type: 'started', streamId: 'st_test', schemaHash: 'sha256:0', model: 'm', eventsUrl: '/v1/streams/st_test/events' };
const patch = (seq, ops) => ({ seq, type: 'patch', ops });
const finalOf = async (seq, object) => {
  const { checksumOf } = await import('../dist/index.js');
  return { seq, type: 'final', outcome: 'completed', object, repairs: [], errors: [], checksum: await checksumOf(object) };
};

describe('resuming, with a scripted service', () => {
  it('skips events it already applied, ignores heartbeats and unknown types, and resumes after the last seq', async () => {
    const { fetch, requests } = scriptedFetch([
      { lines: [started, patch(2, [{ op: 'add', path: '', value: { t: 'a' } }]), patch(3, [{ op: 'append', path: '/t', value: 'b' }])], end: 'error' },
      {
        lines: [
          { seq: 3, type: 'heartbeat' },
          patch(3, [{ op: 'append', path: '/t', value: 'b' }]), // already applied: must not become 'abb'
          { seq: 4, type: 'future-event', novel: true },
          { seq: 5, type: 'complete', paths: ['/t', ''], extra: 'ignored' },
          await finalOf(6, { t: 'ab' }),
        ],
      },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 1 } });
    const { updates, error } = await collect(s);
    assert.equal(error, undefined);
    const result = await s.result;
    assert.deepEqual(result.object, { t: 'ab' });
    assert.equal(result.checksum, 'verified');
    assert.deepEqual(updates.map(u => `${u.event.type}@${u.seq}`),
      ['started@1', 'patch@2', 'patch@3', 'reconnecting@3', 'heartbeat@3', 'complete@5', 'final@6']);
    assert.equal(requests[1].method, 'GET');
    assert.equal(requests[1].url, 'http://service/v1/streams/st_test/events?after=3');
    assert.equal(requests[1].headers['last-event-id'], '3');
    assert.equal(requests[1].headers.accept, 'application/x-ndjson');
  });

  it('resumes when the response ends without final, dropping a half-written last line', async () => {
    const { fetch, requests } = scriptedFetch([
      { lines: [started, patch(2, [{ op: 'add', path: '', value: 'he' }])], partialLine: '{"seq":3,"type":"pat' },
      { lines: [patch(3, [{ op: 'append', path: '', value: 'llo' }]), await finalOf(4, 'hello')] },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 1 } });
    const result = await s.result;
    assert.equal(result.object, 'hello');
    assert.equal(requests.length, 2);
  });

  it('resumes after a log_unavailable notice, which names the reason and is never applied', async () => {
    const notice = { seq: 2, type: 'error', code: 'log_unavailable', message: 'The stream log cannot be read.', retryable: true };
    const { fetch, requests } = scriptedFetch([
      { lines: [started, patch(2, [{ op: 'add', path: '', value: 'a' }]), notice] },
      { lines: [patch(3, [{ op: 'append', path: '', value: 'b' }]), await finalOf(4, 'ab')] },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 1 } });
    const { updates } = await collect(s);
    const result = await s.result;
    assert.equal(result.object, 'ab');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(updates.map(u => `${u.event.type}@${u.seq}`), ['started@1', 'patch@2', 'reconnecting@2', 'patch@3', 'final@4']);
    assert.equal(updates[2].event.reason, notice.message);
    assert.equal(requests[1].url, 'http://service/v1/streams/st_test/events?after=2');
  });

  it('gives up after maxAttempts with StreamConnectionError, the object so far still readable', async () => {
    const { fetch, requests } = scriptedFetch([
      { lines: [started, patch(2, [{ op: 'add', path: '', value: { kept: true } }])], end: 'error' },
      { reject: true },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 1, maxAttempts: 3 } });
    const { updates, error } = await collect(s);
    assert.ok(error instanceof StreamConnectionError);
    await assert.rejects(s.result, StreamConnectionError);
    assert.equal(error.attempts, 3);
    assert.equal(error.lastSeq, 2);
    assert.deepEqual(s.object, { kept: true });
    assert.equal(requests.length, 4, 'the POST and three attempts');
    assert.deepEqual(updates.filter(u => u.event.type === 'reconnecting').map(u => u.event.attempt), [1, 2, 3]);
    assert.equal(s.phase, 'reconnecting');
  });

  it('counts attempts in a row without a sign of life: a heartbeat after a drop starts the count again', async () => {
    // Each answer keeps the link for a heartbeat, then the link drops: a stream that sits stalled behind a proxy
    // that cuts idle connections. More drops than maxAttempts, none of them in a row without a heartbeat.
    const alive = { lines: [{ seq: 2, type: 'heartbeat' }], end: 'error' };
    const { fetch, requests } = scriptedFetch([
      { lines: [started, patch(2, [{ op: 'add', path: '', value: 'a' }])], end: 'error' },
      alive, alive, alive, alive,
      { lines: [patch(3, [{ op: 'append', path: '', value: 'b' }]), await finalOf(4, 'ab')] },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 1, maxAttempts: 2 } });
    const { updates, error } = await collect(s);
    assert.equal(error, undefined);
    assert.equal((await s.result).object, 'ab');
    assert.equal(requests.length, 6);
    assert.deepEqual(updates.filter(u => u.event.type === 'reconnecting').map(u => u.event.attempt), [1, 1, 1, 1, 1]);
  });

  it('waits as the backoff says: exponential caps with full jitter, and at least Retry-After on a 503', async () => {
    const { fetch } = scriptedFetch([
      { lines: [started], end: 'error' },
      { status: 503, problem: { title: 'Busy' }, headers: { 'Retry-After': '0' } },
      { reject: true },
      { lines: [await finalOf(2, null)] },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 4, maxDelayMs: 10 } });
    const { updates } = await collect(s);
    const delays = updates.filter(u => u.event.type === 'reconnecting').map(u => u.event);
    assert.deepEqual(delays.map(d => d.attempt), [1, 2, 3]);
    assert.ok(delays[0].delayMs <= 4 && delays[1].delayMs <= 8 && delays[2].delayMs <= 10);
    assert.match(delays[1].reason, /503 .*Busy|Busy/);
    assert.equal((await s.result).outcome, 'completed');
  });

  it('stops with StreamRequestError when the stream is unknown on resume (404)', async () => {
    const { fetch } = scriptedFetch([
      { lines: [started], end: 'error' },
      { status: 404, problem: { title: 'Unknown stream', detail: "There is no stream 'st_test'." } },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 1 } });
    const error = await s.result.catch(e => e);
    assert.ok(error instanceof StreamRequestError);
    assert.equal(error.status, 404);
    assert.equal(error.message, "Unknown stream: There is no stream 'st_test'.");
  });

  it('fails with StreamConnectionError when the service cannot be reached at all (no stream id to resume)', async () => {
    const { fetch, requests } = scriptedFetch([{ reject: true }]);
    const error = await stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch }).result.catch(e => e);
    assert.ok(error instanceof StreamConnectionError);
    assert.equal(requests.length, 1, 'a POST is never sent twice: it would start a second stream');
  });

  it('fails with StreamProtocolError on a line that is not JSON or a patch that does not apply', async () => {
    for (const bad of ['not json', JSON.stringify(patch(2, [{ op: 'append', path: '/missing', value: 'x' }]))]) {
      const { fetch } = scriptedFetch([{ lines: [started, bad] }]);
      const error = await stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch }).result.catch(e => e);
      assert.ok(error instanceof StreamProtocolError, String(error));
    }
  });
});
