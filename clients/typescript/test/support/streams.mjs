// Helpers for the stream tests: reading a stream to the end, checking a partial object against the whole one,
// and a scripted fetch that plays NDJSON answers (and drops) without a network.
import assert from 'node:assert/strict';

/** Reads every update; returns them with the error the iteration ended with, if any. */
export async function collect(stream, onUpdate = () => {}) {
  const updates = [];
  let error;
  try {
    for await (const update of stream) {
      updates.push(update);
      await onUpdate(update, updates);
    }
  } catch (e) {
    error = e;
  }

  return { updates, error };
}

/** The updates of events the server sent (not heartbeats, not the client's `reconnecting`). */
export function applied(updates) {
  return updates.filter(u => u.event.type !== 'reconnecting' && u.event.type !== 'heartbeat');
}

/** Asserts `partial` could be a moment of `whole`: strings are prefixes, arrays and objects hold a part. */
export function assertPrefixOf(partial, whole, path = '') {
  if (partial === undefined || partial === null) {
    return;
  }

  if (typeof partial === 'string') {
    assert.equal(typeof whole, 'string', `${path || '(root)'} is a string in the whole object`);
    assert.ok(whole.startsWith(partial), `${path || '(root)'}: '${partial.slice(-40)}' is a prefix of the whole string`);
  } else if (Array.isArray(partial)) {
    assert.ok(Array.isArray(whole) && partial.length <= whole.length, `${path || '(root)'} is an array no longer than the whole one`);
    partial.forEach((item, i) => assertPrefixOf(item, whole[i], `${path}/${i}`));
  } else if (typeof partial === 'object') {
    assert.ok(whole !== null && typeof whole === 'object', `${path || '(root)'} is an object in the whole object`);
    for (const key of Object.keys(partial)) {
      assert.ok(Object.hasOwn(whole, key), `${path}/${key} exists in the whole object`);
      assertPrefixOf(partial[key], whole[key], `${path}/${key}`);
    }
  } else {
    assert.deepEqual(partial, whole, `${path || '(root)'} arrives whole`);
  }
}

const encoder = new TextEncoder();

/**
 * A fetch that answers each call with the next entry of `script`:
 * - `{ lines: [...events], end: 'final' | 'close' | 'error' | 'hang' }`: a 200 NDJSON answer with those events, then
 *   (besides ending after the last line) closing, breaking, or never ending (until aborted);
 * - `{ status, problem, headers }`: a problem answer;
 * - `{ reject: true }`: the request fails (network down).
 * `requests` records each call's method, url and headers.
 */
export function scriptedFetch(script, { streamId = 'st_test' } = {}) {
  const requests = [];
  let call = 0;
  const fetch = async (url, init = {}) => {
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    requests.push({ method: init.method ?? 'GET', url: String(url), headers, body: init.body });
    const step = script[Math.min(call++, script.length - 1)];
    if (step.reject) {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    }

    if (step.status !== undefined && step.status !== 200) {
      return new Response(JSON.stringify(step.problem ?? {}), {
        status: step.status,
        headers: { 'Content-Type': 'application/problem+json', ...(step.headers ?? {}) },
      });
    }

    const chunks = step.lines.map(event => encoder.encode((typeof event === 'string' ? event : JSON.stringify(event)) + '\n'));
    if (step.partialLine !== undefined) {
      chunks.push(encoder.encode(step.partialLine));
    }

    let index = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (index < chunks.length) {
          controller.enqueue(chunks[index++]);
          return undefined;
        }

        if (step.end === 'error') {
          controller.error(new TypeError('terminated', { cause: new Error('other side closed') }));
        } else if (step.end === 'hang') {
          return new Promise(resolve => {
            const stop = () => {
              controller.error(new DOMException('This operation was aborted', 'AbortError'));
              resolve();
            };
            if (init.signal?.aborted) {
              stop();
            } else {
              init.signal?.addEventListener('abort', stop, { once: true });
            }
          });
        } else {
          controller.close();
        }

        return undefined;
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/x-ndjson', 'X-Stream-Id': streamId } });
  };
  return { fetch, requests };
}
