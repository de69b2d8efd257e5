// The TypeScript types the service writes for its named schemas compile, and type real answers: a stream's final
// object checks against them, and a value the schema forbids does not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { stream } from '../dist/index.js';
import { apiSkipReason, startApi } from './support/api.mjs';

const shipped = { 'signup-form': 'SignupForm', 'sales-dashboard': 'SalesDashboard', 'research-answer': 'ResearchAnswer', 'support-ticket': 'SupportTicket', chat: 'Chat' };

/** The diagnostics of one in-memory file, type-checked strictly. */
function check(source) {
  const options = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: [], lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (name === 'answer.ts' ? ts.createSourceFile(name, source, version) : read(name, version));
  const program = ts.createProgram(['answer.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('types for named schemas', { skip: apiSkipReason(), timeout: 120_000 }, () => {
  let api;
  before(async () => {
    api = await startApi({ StructuredStream__Model__Simulated__TokensPerSecond: '0', StructuredStream__Model__Simulated__FirstTokenMs: '0' });
  });
  after(async () => {
    await api?.stop();
  });

  for (const [id, name] of Object.entries(shipped)) {
    it(`${id}: a real answer type-checks against ${name}`, async () => {
      const types = await (await fetch(`${api.baseUrl}/v1/schemas/${id}/types/typescript`)).text();
      const result = await stream({ schemaId: id, prompt: 'x', model: { seed: 5 } }, { baseUrl: api.baseUrl }).result;
      assert.equal(result.outcome, 'completed');

      assert.deepEqual(check(`${types}\nexport const answer: ${name} = ${JSON.stringify(result.object)};\n`), []);
    });
  }

  it('a value the schema forbids does not type-check', async () => {
    const types = await (await fetch(`${api.baseUrl}/v1/schemas/signup-form/types/typescript`)).text();

    const wrongPlan = check(`${types}\nexport const answer: SignupForm = { fullName: 'A', email: 'a@b.c', country: 'PT', plan: 'platinum', acceptsTerms: true };\n`);
    const missing = check(`${types}\nexport const answer: SignupForm = { fullName: 'A', email: 'a@b.c', country: 'PT', plan: 'team' };\n`);
    const extra = check(`${types}\nexport const answer: SignupForm = { fullName: 'A', email: 'a@b.c', country: 'PT', plan: 'team', acceptsTerms: true, nickname: 'x' };\n`);

    assert.ok(wrongPlan.some(m => m.includes('"platinum"')), wrongPlan.join('\n'));
    assert.ok(missing.some(m => m.includes('acceptsTerms')), missing.join('\n'));
    assert.ok(extra.some(m => m.includes('nickname')), extra.join('\n'));
  });
});
