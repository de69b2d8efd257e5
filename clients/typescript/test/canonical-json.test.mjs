// RFC 8785 (JCS): the RFC's own examples, and agreement with the checksums the service writes on real streams.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canonicalize, checksumOf, hasNonFiniteNumber, stream } from '../dist/index.js';
import { apiSkipReason, startApi } from './support/api.mjs';

/** A double from its IEEE 754 bits, as RFC 8785 appendix B lists them. */
function fromBits(hex) {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt('0x' + hex));
  return view.getFloat64(0);
}

describe('canonical JSON (RFC 8785)', () => {
  it('writes the example of section 3.2.2 (numbers, string escapes, literals) as the RFC does', () => {
    const input = JSON.parse('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],'
      + ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}');
    assert.equal(canonicalize(input),
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts members by their UTF-16 code units (section 3.2.3)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    // CR, 1, U+0080, U+00F6, U+20AC, U+1F600 (its first code unit is 0xD83D), U+FB33; U+0080 is not escaped.
    assert.equal(canonicalize(input), '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",'
      + '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
  });

  it('writes numbers in ECMAScript form (appendix B)', () => {
    const cases = [
      ['0000000000000000', '0'], ['8000000000000000', '0'], ['0000000000000001', '5e-324'], ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'], ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'], ['c340000000000000', '-9007199254740992'], ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'], ['44b52d02c7e14af6', '1e+23'], ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'], ['444b1ae4d6e2ef4f', '999999999999999900000'], ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'], ['3eb0c6f7a0b5ed8d', '0.000001'], ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'], ['41b3de4355555555', '333333333.3333333'], ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'], ['becbf647612f3696', '-0.0000033333333333333333'], ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, text] of cases) {
      assert.equal(canonicalize(fromBits(bits)), text, bits);
    }

    assert.equal(canonicalize(-0), '0');
    assert.equal(canonicalize(1e21), '1e+21');
    assert.equal(canonicalize(1e20), '100000000000000000000');
  });

  it('has no form for NaN and ±Infinity (what JSON.parse makes of 1E400)', () => {
    for (const bits of ['7fffffffffffffff', '7ff0000000000000']) {
      assert.throws(() => canonicalize(fromBits(bits)), RangeError);
    }

    assert.equal(hasNonFiniteNumber(JSON.parse('{"a":[1,{"b":1E400}]}')), true);
    assert.equal(hasNonFiniteNumber({ a: [1, { b: 1e308 }] }), false);
  });

  it('escapes only quote, backslash and controls, with short forms where JSON has them', () => {
    assert.equal(canonicalize('\b\t\n\f\r\u0000\u001f"\\/\u007f\u2028é'), '"\\b\\t\\n\\f\\r\\u0000\\u001f\\"\\\\/\u007f\u2028é"');
  });

  it('hashes the canonical UTF-8 bytes with SHA-256', async () => {
    // printf '%s' '{"a":1,"b":[true,null,"é"]}' | sha256sum
    assert.equal(await checksumOf({ b: [true, null, 'é'], a: 1.0 }), 'sha256:9488dd13ca33d3291f5a91a1833dfa164811755ffba538c2b340780f8c31a0cb');
    // printf '%s' '""' | sha256sum
    assert.equal(await checksumOf(''), 'sha256:12ae32cb1ec02d01eda3581b127c1fee3b0dc53572ed6baf239721a03d82e126');
  });
});

describe('checksums agree with the service', { skip: apiSkipReason(), timeout: 120_000 }, () => {
  let api;
  before(async () => {
    api = await startApi();
  });
  after(async () => {
    await api?.stop();
  });

  for (const schemaId of ['support-ticket', 'research-answer', 'sales-dashboard', 'signup-form', 'chat']) {
    for (const seed of [1, 2]) {
      it(`on a ${schemaId} stream (seed ${seed})`, async () => {
        const s = stream({ schemaId, prompt: 'Checksum check.', model: { seed }, simulation: { tokensPerSecond: 0, firstTokenMs: 0 } }, { baseUrl: api.baseUrl });
        const result = await s.result;
        assert.equal(result.outcome, 'completed');
        assert.equal(result.checksum, 'verified');
        assert.equal(await checksumOf(result.final.object), result.final.checksum);
      });
    }
  }
});
