// Starts and stops the StructuredStream API for a test file: `dotnet <dll> --urls http://127.0.0.1:0`, settings
// as environment variables (StructuredStream__Admission__ActivePerClient=1 …), the address read from its
// "Now listening on:" line. Each call starts its own process; stop() waits for it to exit.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (clients/typescript/test/support is four levels below it). */
export const repoRoot = resolve(here, '../../../..');

/** clients/typescript. */
export const clientRoot = resolve(here, '../..');

/** The API's dll: $STRUCTUREDSTREAM_API_DLL, else the Debug build that `dotnet test StructuredStream.sln` makes. */
export function apiDll() {
  const configured = process.env.STRUCTUREDSTREAM_API_DLL;
  return configured ? resolve(configured) : resolve(repoRoot, 'src/StructuredStream.Api/bin/Debug/net10.0/StructuredStream.Api.dll');
}

/** Why the tests that need the API must skip (undefined when they can run). */
export function apiSkipReason() {
  const dll = apiDll();
  return existsSync(dll)
    ? undefined
    : `the API is not built: ${dll} does not exist (build the solution, or set STRUCTUREDSTREAM_API_DLL)`;
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

/**
 * Starts the API with `settings` (environment variables) and resolves once it listens.
 * @returns {Promise<{ baseUrl: string, stop: () => Promise<void>, output: () => string }>}
 */
export async function startApi(settings = {}, { startTimeoutMs = 60_000 } = {}) {
  const dll = apiDll();
  const child = spawn('dotnet', [dll, '--urls', 'http://127.0.0.1:0'], {
    cwd: dirname(dll),
    env: { ...process.env, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise(resolveExit => child.once('exit', code => {
    running.delete(child);
    resolveExit(code);
  }));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }

    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const baseUrl = await new Promise((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`The API did not say where it listens within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
      const onData = chunk => {
        output += chunk;
        const match = /Now listening on: (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      };
      child.stdout.setEncoding('utf8').on('data', onData);
      child.stderr.setEncoding('utf8').on('data', onData);
      child.once('error', e => {
        clearTimeout(timer);
        reject(e);
      });
      exited.then(code => {
        clearTimeout(timer);
        reject(new Error(`The API exited (code ${code}) before listening:\n${output}`));
      });
    });
    return { baseUrl, stop, output: () => output };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** GET a JSON document from the API. */
export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  }

  return response.json();
}
