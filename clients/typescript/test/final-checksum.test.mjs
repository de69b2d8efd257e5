// Checking `final`: the replayed object must equal final.object and its canonical SHA-256 must be final.checksum;
// numbers beyond double range make the checksum 'unverifiable' rather than wrong. Scripted answers, no network.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { ChecksumMismatchError, stream } from '../dist/index.js';
import { collect, scriptedFetch } from './support/streams.mjs';

const sha256 = text => 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex');
const started = '{"seq":1,"type":"started","streamId":"st_c","schemaHash":"sha256:0","model":"m","eventsUrl":"/v1/streams/st_c/events"}';
const finalLine = (seq, objectText, checksum) =>
  `{"seq":${seq},"type":"final","outcome":"completed","object":${objectText},"repairs":[],"errors":[],"checksum":"${checksum}"}`;

function run(lines, options = {}) {
  const { fetch, requests } = scriptedFetch([{ lines }]);
  return { s: stream({ schemaId: 'chat', prompt: 'x' }, { baseUrl: 'http://service', fetch, ...options }), requests };
}

describe('the final checksum', () => {
  it('verifies an object whose canonical form the checksum names', async () => {
    const { s } = run([started, '{"seq":2,"type":"patch","ops":[{"op":"add","path":"","value":{"b":"é","a":[1.50,-0]}}]}',
      finalLine(3, '{"b":"é","a":[1.50,-0]}', sha256('{"a":[1.5,0],"b":"é"}'))]);
    const result = await s.result;
    assert.equal(result.checksum, 'verified');
  });

  it('verifies big integers, which lose precision as doubles on both sides', async () => {
    const { s } = run([started, '{"seq":2,"type":"patch","ops":[{"op":"add","path":"","value":{"n":12345678901234567890}}]}',
      finalLine(3, '{"n":12345678901234567890}', sha256('{"n":12345678901234567000}'))]);
    assert.equal((await s.result).checksum, 'verified');
  });

  it("is 'unverifiable', not a failure, when a number is beyond double range (1E400)", async () => {
    const { s } = run([started, '{"seq":2,"type":"patch","ops":[{"op":"add","path":"","value":{"huge":1E400}}]}',
      finalLine(3, '{"huge":1E400}', sha256('{"huge":1E400}'))]);
    const result = await s.result;
    assert.equal(result.outcome, 'completed');
    assert.equal(result.checksum, 'unverifiable');
    assert.equal(result.object.huge, Infinity);
  });

  it('throws ChecksumMismatchError after the final update when the checksum is wrong', async () => {
    const { s } = run([started, '{"seq":2,"type":"patch","ops":[{"op":"add","path":"","value":"text"}]}',
      finalLine(3, '"text"', sha256('"other"'))]);
    const { updates, error } = await collect(s);
    assert.equal(updates.at(-1).event.type, 'final', 'the final update comes first');
    assert.ok(error instanceof ChecksumMismatchError);
    assert.equal(error.reason, 'checksum');
    assert.equal(error.expected, sha256('"other"'));
    assert.equal(error.actual, sha256('"text"'));
    await assert.rejects(s.result, error);
  });

  it('throws ChecksumMismatchError when the replayed object is not the final object', async () => {
    const { s } = run([started, '{"seq":2,"type":"patch","ops":[{"op":"add","path":"","value":"tex"}]}',
      finalLine(3, '"text"', sha256('"text"'))]);
    const { error } = await collect(s);
    assert.ok(error instanceof ChecksumMismatchError);
    assert.equal(error.reason, 'replay');
    assert.equal(s.object, 'tex', 'the object shown stays');
  });

  it('sends the API key as a bearer token, and asks for NDJSON', async () => {
    const { s, requests } = run([started, finalLine(2, 'null', sha256('null'))], { apiKey: 'k-123' });
    const result = await s.result;
    assert.equal(result.object, null);
    assert.equal(requests[0].method, 'POST');
    assert.equal(requests[0].url, 'http://service/v1/streams');
    assert.equal(requests[0].headers.authorization, 'Bearer k-123');
    assert.equal(requests[0].headers.accept, 'application/x-ndjson');
    assert.equal(requests[0].headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(requests[0].body), { schemaId: 'chat', prompt: 'x' });
  });
});
