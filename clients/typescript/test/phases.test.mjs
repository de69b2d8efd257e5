// Phases from a scripted service: 'thinking' lasts until the first patch, though the service says 'generating' when
// the model call starts; the other status phases apply at once; once a patch was applied, 'generating' applies too
// (after a reconnect, and when resuming with the object held).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksumOf, resume, stream } from '../dist/index.js';
import { collect, scriptedFetch } from './support/streams.mjs';

const started = { seq: 1, type: 'started', streamId: 'st_test', schemaHash: 'sha256:0', model: 'm', eventsUrl: '/v1/streams/st_test/events' };
const status = (seq, phase, fields = {}) => ({ seq, type: 'status', phase, ...fields });
const patch = (seq, ops) => ({ seq, type: 'patch', ops });
const finalOf = async (seq, object) =>
  ({ seq, type: 'final', outcome: 'completed', object, repairs: [], errors: [], checksum: await checksumOf(object) });

/** Each update as `type[:phase]@seq -> phase`. */
const phasesOf = updates => updates.map(u => `${u.event.type}${u.event.phase ? ':' + u.event.phase : ''}@${u.seq} -> ${u.phase}`);

describe('phases', () => {
  it("stays 'thinking' through status 'generating' until the first patch; other phases apply at once", async () => {
    const { fetch } = scriptedFetch([{
      lines: [
        started,
        status(2, 'generating'),
        status(3, 'retrieval', { name: 'search' }),
        status(4, 'generating'),
        patch(5, [{ op: 'add', path: '', value: 'a' }]),
        status(6, 'tool', { name: 'lookup' }),
        status(7, 'generating'),
        await finalOf(8, 'a'),
      ],
    }]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch });
    const { updates, error } = await collect(s);
    assert.equal(error, undefined);
    assert.deepEqual(phasesOf(updates), [
      'started@1 -> thinking',
      'status:generating@2 -> thinking',
      'status:retrieval@3 -> retrieval',
      'status:generating@4 -> thinking',
      'patch@5 -> generating',
      'status:tool@6 -> tool',
      'status:generating@7 -> generating',
      'final@8 -> done',
    ]);
  });

  it("applies 'generating' at once after a reconnect when patches were applied before the drop", async () => {
    const { fetch } = scriptedFetch([
      { lines: [started, status(2, 'generating'), patch(3, [{ op: 'add', path: '', value: 'a' }]), status(4, 'stalled')], end: 'error' },
      { lines: [status(5, 'generating'), patch(6, [{ op: 'append', path: '', value: 'b' }]), await finalOf(7, 'ab')] },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 1 } });
    const { updates, error } = await collect(s);
    assert.equal(error, undefined);
    assert.deepEqual(phasesOf(updates), [
      'started@1 -> thinking',
      'status:generating@2 -> thinking',
      'patch@3 -> generating',
      'status:stalled@4 -> stalled',
      'reconnecting@4 -> reconnecting',
      'status:generating@5 -> generating',
      'patch@6 -> generating',
      'final@7 -> done',
    ]);
  });

  it("stays 'thinking' after a reconnect when no patch came before the drop", async () => {
    const { fetch } = scriptedFetch([
      { lines: [started, status(2, 'generating')], end: 'error' },
      { lines: [status(3, 'retrying'), status(4, 'generating'), patch(5, [{ op: 'add', path: '', value: 'a' }]), await finalOf(6, 'a')] },
    ]);
    const s = stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, reconnect: { initialDelayMs: 1 } });
    const { updates } = await collect(s);
    assert.deepEqual(phasesOf(updates), [
      'started@1 -> thinking',
      'status:generating@2 -> thinking',
      'reconnecting@2 -> reconnecting',
      'status:retrying@3 -> retrying',
      'status:generating@4 -> thinking',
      'patch@5 -> generating',
      'final@6 -> done',
    ]);
  });

  it("applies 'generating' at once when resuming with the object held", async () => {
    const { fetch, requests } = scriptedFetch([{ lines: [status(4, 'generating'), await finalOf(5, 'a')] }]);
    const s = resume('st_test', { baseUrl: 'http://service', fetch, after: 3, object: 'a' });
    const { updates } = await collect(s);
    assert.equal(requests[0].url, 'http://service/v1/streams/st_test/events?after=3');
    assert.deepEqual(phasesOf(updates), ['status:generating@4 -> generating', 'final@5 -> done']);
  });
});
