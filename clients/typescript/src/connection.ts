// The HTTP side of a stream: the requests that open it (a POST that starts it, a GET that reads on after a seq),
// the events of a response, and the DELETE that cancels it.
import { StreamProtocolError } from './errors.js';
import { problemOf } from './http.js';
import { readLines } from './ndjson.js';
import type { StreamState } from './protocol.js';
import type { StreamOptions } from './updates.js';

/** A connection that broke, or a response that ended without `final`: the stream resumes, unless it was cancelled. */
export class Drop extends Error {
  constructor(message: string, readonly retryAfterMs = 0, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An event as read: a type and a seq; its other fields are checked where they are used. */
export interface WireEvent {
  seq: number;
  type: string;
  [field: string]: unknown;
}

/** The requests of one stream, to one service. */
export class Service {
  readonly #fetch: typeof fetch;
  readonly #baseUrl: string;
  readonly #apiKey: string | undefined;

  constructor(options: Pick<StreamOptions, 'baseUrl' | 'apiKey' | 'fetch'>) {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    // Wrapped: called as a method of this object, a browser's fetch throws 'Illegal invocation'.
    this.#fetch = (input, init) => fetchImpl(input, init);
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
  }

  /**
   * POSTs to `path` (starting a stream): the 2xx answer, whose body is the events.
   * @throws StreamRequestError when the service refuses, and a Drop when it cannot be reached.
   */
  post(path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    const headers = this.#headers('application/x-ndjson');
    const init: RequestInit = { method: 'POST', headers, signal };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }

    return this.#open(this.#url(path), init, false);
  }

  /**
   * GETs the events of a stream after seq `after` (as ?after= and Last-Event-ID), from `eventsUrl` when `started`
   * named one. A passing fault (429, 5xx) is a Drop, to try again; any other refusal (404 unknown stream, 400 bad
   * cursor) is a StreamRequestError.
   */
  events(streamId: string, eventsUrl: string | undefined, after: number, signal: AbortSignal): Promise<Response> {
    const headers = this.#headers('application/x-ndjson');
    headers['Last-Event-ID'] = String(after);
    const events = this.#url(eventsUrl ?? `/v1/streams/${encodeURIComponent(streamId)}/events`);
    return this.#open(`${events}${events.includes('?') ? '&' : '?'}after=${after}`, { method: 'GET', headers, signal }, true);
  }

  /** DELETEs a stream: the state the service answered with, or undefined (it failed, or took over `timeoutMs`). */
  async cancel(streamId: string, timeoutMs: number): Promise<StreamState | undefined> {
    const url = this.#url(`/v1/streams/${encodeURIComponent(streamId)}`);
    try {
      const response = await this.#fetch(url, { method: 'DELETE', headers: this.#headers('application/json'), signal: AbortSignal.timeout(timeoutMs) });
      return response.ok ? await response.json() as StreamState : undefined;
    } catch {
      return undefined;
    }
  }

  async #open(url: string, init: RequestInit, retryable: boolean): Promise<Response> {
    let response: Response;
    try {
      response = await this.#fetch(url, init);
    } catch (e) {
      throw new Drop(`the request failed (${describe(e)})`, 0, { cause: e });
    }

    if (response.ok && response.body !== null) {
      return response;
    }

    const problem = await problemOf(response);
    if (retryable && (problem.status === 429 || problem.status >= 500)) {
      throw new Drop(`the service answered ${problem.message}`, (problem.retryAfter ?? 0) * 1000, { cause: problem });
    }

    throw problem;
  }

  #headers(accept: string): Record<string, string> {
    const headers: Record<string, string> = { Accept: accept };
    if (this.#apiKey !== undefined) {
      headers['Authorization'] = `Bearer ${this.#apiKey}`;
    }

    return headers;
  }

  #url(path: string): string {
    return /^[a-z][a-z0-9+.-]*:/i.test(path) ? path : this.#baseUrl + path;
  }
}

/**
 * The events of a response, in order, until its body ends. A body that breaks is a Drop, and so is a
 * `log_unavailable` error: the service sends it to this reader only, with the seq it already has, and ends the
 * response (docs/protocol.md), so it is never applied.
 * @throws StreamProtocolError for a line that is not an event.
 */
export async function* eventsOf(response: Response): AsyncGenerator<WireEvent, void, undefined> {
  // A half-written last line is dropped: the resume sends it again, whole.
  const lines = readLines(response.body!, { tail: 'drop' });
  try {
    while (true) {
      let next: IteratorResult<string, void>;
      try {
        next = await lines.next();
      } catch (e) {
        throw new Drop(`the connection broke (${describe(e)})`, 0, { cause: e });
      }

      if (next.done) {
        return;
      }

      const event = parseEvent(next.value);
      if (event.type === 'error' && event['code'] === 'log_unavailable') {
        throw new Drop(typeof event['message'] === 'string' ? event['message'] : 'the stream log is unavailable');
      }

      yield event;
    }
  } finally {
    // Releases the connection when the reader stops early (`final`, an error, a cancel).
    await lines.return().catch(() => undefined);
  }
}

function parseEvent(line: string): WireEvent {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch (e) {
    throw new StreamProtocolError(`A line of the stream is not JSON: ${line.slice(0, 120)}`, undefined, { cause: e });
  }

  const { type, seq } = (event ?? {}) as Partial<WireEvent>;
  if (typeof event !== 'object' || Array.isArray(event) || typeof type !== 'string' || !Number.isSafeInteger(seq) || seq! < 0) {
    throw new StreamProtocolError(`A line of the stream is not an event (it needs a type and a seq): ${line.slice(0, 120)}`);
  }

  return event as WireEvent;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message ? `${error.message}: ${cause.message}` : error.message;
  }

  return String(error);
}
