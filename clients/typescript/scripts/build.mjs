// Builds the client: an empty dist/, tsc, then the same JavaScript copied to the demo page the service serves
// (src/StructuredStream.Api/wwwroot/client), so the page always runs the client as built. The copy is committed;
// DemoPageTests fails when it differs from dist.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const demo = resolve(root, '../../src/StructuredStream.Api/wwwroot/client');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });

rmSync(demo, { recursive: true, force: true });
mkdirSync(demo, { recursive: true });
for (const file of readdirSync(dist).filter(f => f.endsWith('.js')).sort()) {
  copyFileSync(join(dist, file), join(demo, file));
}
