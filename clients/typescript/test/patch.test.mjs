// applyPatch: RFC 6902 (the json-patch-tests conformance suite), the `append` extension, RFC 6901 pointers, and
// the copy-on-write contract the stream relies on.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { applyPatch, escapeToken, formatPointer, getAt, parsePointer, PatchError, PointerError } from '../dist/index.js';
import { clientRoot } from './support/api.mjs';

const suiteDir = resolve(clientRoot, '../../../shared/conformance/json-patch-tests');
const suiteMissing = existsSync(suiteDir) ? undefined : `the JSON Patch conformance suite is not there (${suiteDir})`;

describe('the JSON Patch conformance suite (json-patch-tests)', { skip: suiteMissing }, () => {
  for (const file of ['tests.json', 'spec_tests.json']) {
    const cases = suiteMissing ? [] : JSON.parse(readFileSync(resolve(suiteDir, file), 'utf8'));
    describe(file, () => {
      cases.forEach((c, i) => {
        const name = `case ${i}: ${c.comment ?? c.error ?? ''}`.trim();
        if (!('doc' in c) || !('patch' in c)) {
          return;
        }

        const skip = c.disabled ? 'disabled in the suite' : undefined;
        it(name, { skip }, () => {
          const before = structuredClone(c.doc);
          if ('error' in c) {
            assert.throws(() => applyPatch(c.doc, c.patch), PatchError, `must fail: ${c.error}`);
          } else if ('expected' in c) {
            assert.deepEqual(applyPatch(c.doc, c.patch), c.expected);
          } else {
            applyPatch(c.doc, c.patch);
          }

          assert.deepEqual(c.doc, before, 'the input document is never changed');
        });
      });
    });
  }
});

describe('append', () => {
  it('concatenates to the string at the path', () => {
    assert.deepEqual(applyPatch({ title: 'Hel' }, [{ op: 'append', path: '/title', value: 'lo' }]), { title: 'Hello' });
  });

  it('grows a string root and strings inside arrays', () => {
    assert.equal(applyPatch('qua', [{ op: 'append', path: '', value: 'rter' }]), 'quarter');
    assert.deepEqual(applyPatch({ tags: ['a'] }, [{ op: 'append', path: '/tags/0', value: 'b' }]), { tags: ['ab'] });
  });

  it('replays the protocol document example to its final object', () => {
    const patches = [
      [{ op: 'add', path: '', value: {} }, { op: 'add', path: '/title', value: 'Hel' }],
      [{ op: 'append', path: '/title', value: 'lo' }, { op: 'add', path: '/tags', value: [] }, { op: 'add', path: '/tags/0', value: 'a' }],
      [{ op: 'add', path: '/n', value: 42 }],
    ];
    assert.deepEqual(patches.reduce((doc, ops) => applyPatch(doc, ops), undefined), { title: 'Hello', tags: ['a'], n: 42 });
  });

  it('fails on a missing path, a non-string target or a non-string value, naming the op index', () => {
    for (const [doc, ops] of [
      [{}, [{ op: 'append', path: '/missing', value: 'x' }]],
      [{ n: 1 }, [{ op: 'append', path: '/n', value: 'x' }]],
      [{ s: 'a' }, [{ op: 'add', path: '/t', value: 1 }, { op: 'append', path: '/s', value: 2 }]],
      [{ s: 'a' }, [{ op: 'append', path: '/s' }]],
    ]) {
      assert.throws(() => applyPatch(doc, ops), e => e instanceof PatchError && e.index === ops.length - 1 && e.message.startsWith(`Operation ${ops.length - 1}:`));
    }
  });
});

describe('pointers (RFC 6901)', () => {
  it("unescapes '~1' to '/' and '~0' to '~', in that order", () => {
    assert.deepEqual(parsePointer('/a~1b/m~0n/~01'), ['a/b', 'm~n', '~1']);
    assert.equal(formatPointer(['a/b', 'm~n', '~1']), '/a~1b/m~0n/~01');
    assert.equal(escapeToken('~/'), '~0~1');
  });

  it("'' is the root and '/' the empty key", () => {
    assert.deepEqual(parsePointer(''), []);
    assert.deepEqual(parsePointer('/'), ['']);
    const doc = { '': 1, ' ': 2, 'a/b': 3, 'm~n': 4 };
    assert.equal(getAt(doc, '/'), 1);
    assert.equal(getAt(doc, '/ '), 2);
    assert.equal(getAt(doc, '/a~1b'), 3);
    assert.equal(getAt(doc, '/m~0n'), 4);
    assert.deepEqual(applyPatch({}, [{ op: 'add', path: '/', value: 'empty key' }]), { '': 'empty key' });
    assert.deepEqual(applyPatch({ 'a/b': 'x' }, [{ op: 'append', path: '/a~1b', value: 'y' }]), { 'a/b': 'xy' });
  });

  it("rejects a pointer without a leading '/' and a '~' that is not '~0' or '~1'", () => {
    assert.throws(() => parsePointer('a'), PointerError);
    assert.throws(() => parsePointer('/a~2'), PointerError);
    assert.throws(() => parsePointer('/a~'), PointerError);
    assert.throws(() => applyPatch({}, [{ op: 'add', path: '/a~', value: 1 }]), PatchError);
  });
});

describe('copy-on-write', () => {
  it('a move onto its own path changes nothing, in a container the same patch already copied too', () => {
    assert.deepEqual(applyPatch({}, [{ op: 'add', path: '/a', value: 1 }, { op: 'move', from: '/a', path: '/a' }]), { a: 1 });
    assert.deepEqual(applyPatch({ l: [1] }, [{ op: 'add', path: '/l/-', value: 2 }, { op: 'move', from: '/l/0', path: '/l/0' }]), { l: [1, 2] });
    assert.throws(() => applyPatch({}, [{ op: 'move', from: '/missing', path: '/missing' }]), PatchError);
  });

  it('leaves the input as it was and shares every subtree the patch did not touch', () => {
    const doc = { a: { x: [1, 2] }, b: { y: 'keep' } };
    const next = applyPatch(doc, [{ op: 'add', path: '/a/x/-', value: 3 }]);
    assert.deepEqual(doc, { a: { x: [1, 2] }, b: { y: 'keep' } });
    assert.deepEqual(next, { a: { x: [1, 2, 3] }, b: { y: 'keep' } });
    assert.notEqual(next, doc);
    assert.notEqual(next.a, doc.a);
    assert.equal(next.b, doc.b, 'an untouched subtree keeps its identity');
  });

  it('changes nothing when a later op of the patch fails', () => {
    const doc = { list: ['a'] };
    assert.throws(() => applyPatch(doc, [{ op: 'add', path: '/list/1', value: 'b' }, { op: 'test', path: '/list/0', value: 'z' }]), PatchError);
    assert.deepEqual(doc, { list: ['a'] });
  });

  it('keeps a copied value apart from its source', () => {
    const next = applyPatch({ a: { n: 1 } }, [{ op: 'copy', from: '/a', path: '/b' }, { op: 'add', path: '/b/m', value: 2 }]);
    assert.deepEqual(next, { a: { n: 1 }, b: { n: 1, m: 2 } });
  });

  it("treats '__proto__' as an ordinary member, never the prototype", () => {
    const next = applyPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]);
    assert.equal(Object.getPrototypeOf(next), Object.prototype);
    assert.deepEqual(Object.keys(next), ['__proto__']);
    assert.equal({}.polluted, undefined);
    assert.throws(() => applyPatch({}, [{ op: 'append', path: '/constructor', value: 'x' }]), PatchError, 'inherited members do not exist');
  });
});
