// The package as it ships: ESM with types, no runtime dependencies, pinned dev tools, a lockfile without registry
// addresses, and a browser-safe build (no Node modules, no source maps).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { clientRoot } from './support/api.mjs';

const read = path => readFileSync(resolve(clientRoot, path), 'utf8');

describe('the package', () => {
  const pkg = JSON.parse(read('package.json'));

  it('is @structuredstream/client, ESM, exporting dist/index.js with its types, with no runtime dependencies', () => {
    assert.equal(pkg.name, '@structuredstream/client');
    assert.equal(pkg.type, 'module');
    assert.deepEqual(pkg.exports['.'], { types: './dist/index.d.ts', import: './dist/index.js' });
    assert.deepEqual(pkg.files, ['dist']);
    assert.equal(pkg.dependencies, undefined);
    assert.equal(pkg.peerDependencies, undefined);
  });

  it('pins every dev dependency to an exact version, and the lockfile names no registry', () => {
    for (const [name, version] of Object.entries(pkg.devDependencies)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned`);
    }

    const lock = read('package-lock.json');
    assert.doesNotMatch(lock, /"resolved"/);
    assert.doesNotMatch(lock, /registry/i);
    assert.match(read('.npmrc'), /^omit-lockfile-registry-resolved=true$/m);
  });

  it('builds every source file to dist, without source maps, and uses no Node modules', () => {
    const sources = readdirSync(resolve(clientRoot, 'src')).filter(f => f.endsWith('.ts'));
    const built = readdirSync(resolve(clientRoot, 'dist'));
    for (const source of sources) {
      const name = source.slice(0, -3);
      assert.ok(built.includes(`${name}.js`) && built.includes(`${name}.d.ts`), `dist has ${name}.js and ${name}.d.ts`);
      assert.doesNotMatch(read(`src/${source}`), /from ['"]node:|require\(|\bprocess\.|\bBuffer\b/, `${source} is browser-safe`);
    }

    assert.deepEqual(built.filter(f => f.endsWith('.map')), []);
    for (const file of built.filter(f => f.endsWith('.js'))) {
      assert.doesNotMatch(read(`dist/${file}`), /sourceMappingURL|from ['"]node:/, file);
      for (const [, target] of read(`dist/${file}`).matchAll(/from '(\.[^']+)'/g)) {
        assert.ok(target.endsWith('.js') && built.includes(target.slice(2)), `${file} imports ${target}, which is built`);
      }
    }
  });
});
