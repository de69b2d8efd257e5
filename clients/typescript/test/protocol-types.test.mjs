// The types of src/protocol.ts against the components of openapi.yaml, read with the TypeScript compiler API: for
// every event, the same property names, the same required ones, and the same `type` literal; enums agree too.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { clientRoot, repoRoot } from './support/api.mjs';
import { eventComponents, protocolMismatches } from './support/protocol-check.mjs';

const openapiPath = resolve(repoRoot, 'openapi.yaml');
const missing = existsSync(openapiPath) ? undefined : `openapi.yaml is not at the repository root (${openapiPath})`;

describe('protocol.ts agrees with openapi.yaml', { skip: missing }, () => {
  const schemas = () => parse(readFileSync(openapiPath, 'utf8')).components.schemas;
  const protocolText = readFileSync(resolve(clientRoot, 'src/protocol.ts'), 'utf8');
  const names = missing ? {} : {
    strict: [...eventComponents(schemas()), 'PatchOperation', 'Repair', 'ValidationError'],
    // Request and state bodies: openapi.yaml marks their members nullable and not required, whatever the server needs.
    loose: ['CreateStreamRequest', 'SimulationSettings', 'ModelSettings', 'MessageInput', 'StreamState', 'ProblemDetails'],
  };

  it('every event (and the ops, repairs, validation errors and request bodies) agrees', () => {
    assert.ok(names.strict.length >= 7, 'the seven events at least');
    assert.deepEqual(protocolMismatches(schemas(), protocolText, names), []);
  });

  it('the check fails when a field is renamed in openapi.yaml', () => {
    const renamed = schemas();
    renamed.StartedEvent.properties.eventsUri = renamed.StartedEvent.properties.eventsUrl;
    delete renamed.StartedEvent.properties.eventsUrl;
    renamed.StartedEvent.required = renamed.StartedEvent.required.map(p => (p === 'eventsUrl' ? 'eventsUri' : p));
    assert.deepEqual(protocolMismatches(renamed, protocolText, names), [
      'StartedEvent.eventsUri is in openapi.yaml but not in protocol.ts',
      'StartedEvent.eventsUrl is in protocol.ts but not in openapi.yaml',
    ]);
  });

  it('the check fails when a field is renamed, made optional or given another type literal in protocol.ts', () => {
    const cases = [
      ['  code: string;\n', '  errorCode: string;\n', 'ErrorEvent.code is in openapi.yaml but not in protocol.ts'],
      ['  checksum: string;\n', '  checksum?: string;\n', 'FinalEvent.checksum is required in openapi.yaml but optional in protocol.ts'],
      ["  type: 'heartbeat';", "  type: 'ping';", "HeartbeatEvent.type is 'heartbeat' in openapi.yaml but 'ping' in protocol.ts"],
    ];
    for (const [from, to, expected] of cases) {
      assert.ok(protocolText.includes(from), `protocol.ts has ${from.trim()}`);
      assert.ok(protocolMismatches(schemas(), protocolText.replace(from, to), names).includes(expected), expected);
    }
  });
});
