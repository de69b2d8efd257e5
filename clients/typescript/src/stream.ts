// A running stream: reads its events through drops (resuming after the last seq applied, with backoff) until
// `final`, and stops it on request. `stream`, `resume`, `regenerate` and `continueStream` start one.
import { backoffDelay, defaultReconnect, sleep, type ReconnectOptions } from './backoff.js';
import { Drop, eventsOf, Service } from './connection.js';
import { ChecksumMismatchError, StreamConnectionError } from './errors.js';
import type { ContinueRequest, StreamRequest, StreamState } from './protocol.js';
import { StreamSession } from './session.js';
import { UpdateQueue } from './update-queue.js';
import type { ResumeOptions, StreamOptions, StreamPhase, StreamResult, StreamUpdate } from './updates.js';

/** How long a cancelled stream waits for its `final` (and for the DELETE's answer). */
const cancelGraceMs = 3000;

/** The first request: a POST that starts a stream, or reading the events of one that exists. */
type Opening = { kind: 'post'; path: string; body: unknown } | { kind: 'events'; streamId: string };

/** A running stream. Iterate it for updates; `result` settles when it ends. */
export class StructuredStream implements AsyncIterable<StreamUpdate> {
  /** Settles when the stream ends; rejects with StreamRequestError, StreamProtocolError, StreamConnectionError or ChecksumMismatchError. */
  readonly result: Promise<StreamResult>;

  readonly #service: Service;
  readonly #session: StreamSession;
  readonly #updates = new UpdateQueue<StreamUpdate>();
  readonly #reconnect: ReconnectOptions;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => void this.cancel();
  /** Events up to this seq rebuild the object without being shown (a resume from `after` without its object). */
  readonly #silentUpTo: number;
  #iterated = false;

  /** Reconnection attempts since the last new event. */
  #attempt = 0;
  #cancelRequested = false;
  #connection: AbortController | undefined;
  readonly #stopWaiting = new AbortController();
  #cancelTimer: ReturnType<typeof setTimeout> | undefined;
  #deleted: Promise<StreamState | undefined> | undefined;

  /** @internal Use `stream`, `resume`, `regenerate` or `continueStream`. */
  constructor(opening: Opening, options: ResumeOptions = {}) {
    this.#service = new Service(options);
    this.#reconnect = options.reconnect ?? {};
    this.#signal = options.signal;
    const after = opening.kind === 'events' ? Math.max(0, Math.trunc(options.after ?? 0)) : 0;
    const held = opening.kind === 'events' && options.object !== undefined;
    this.#session = opening.kind === 'events'
      ? new StreamSession(opening.streamId, held ? { after, object: options.object, completed: options.completed } : undefined)
      : new StreamSession();
    this.#silentUpTo = held ? 0 : after;

    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#cancelRequested = this.#signal?.aborted === true;
    this.result = this.#run(opening).then(
      result => {
        this.#end(undefined);
        return result;
      },
      (error: unknown) => {
        this.#end({ error });
        throw error;
      });
    // The iterator reports the failure too: an unobserved `result` must not be an unhandled rejection.
    this.result.catch(() => undefined);
  }

  /** The stream's id, from `started` or the X-Stream-Id header. */
  get streamId(): string | undefined {
    return this.#session.streamId;
  }

  /** The partial object now (undefined before the first patch). */
  get object(): unknown {
    return this.#session.object;
  }

  /** Where the stream is now ('thinking' until the first patch, 'done' after `final`). */
  get phase(): StreamPhase {
    return this.#session.phase;
  }

  /** The place in the queue (1 is next), while queued. */
  get position(): number | undefined {
    return this.#session.position;
  }

  /** The last seq applied. */
  get lastSeq(): number {
    return this.#session.lastSeq;
  }

  /** The JSON Pointers completed so far. */
  get completed(): ReadonlySet<string> {
    return this.#session.completed;
  }

  /** Whether the value at `path` (a JSON Pointer, '' = root) is final: it, or a value holding it, is complete. */
  isComplete(path: string): boolean {
    return this.#session.isComplete(path);
  }

  /**
   * Stops the stream, as aborting `signal` does: the service cancels the model call (DELETE) and the stream ends
   * with outcome 'cancelled', keeping the object as shown. Resolves once the stream has ended.
   */
  cancel(): Promise<void> {
    if (!this.#cancelRequested && !this.#updates.ended) {
      this.#cancelRequested = true;
      if (this.#session.streamId === undefined) {
        this.#connection?.abort();
      } else {
        this.#sendDelete();
      }

      this.#stopWaiting.abort();
      // The open response should bring `final` at once; if it does not, stop reading and end without it.
      this.#cancelTimer = setTimeout(() => this.#connection?.abort(), cancelGraceMs);
    }

    return this.result.then(() => undefined, () => undefined);
  }

  /**
   * The updates, each after its event is applied; ends after `final`, or throws what `result` rejects with (a
   * ChecksumMismatchError after the final update). A stream can be iterated once; leaving the loop early (break,
   * throw) cancels the stream.
   */
  [Symbol.asyncIterator](): AsyncIterator<StreamUpdate> {
    if (this.#iterated) {
      throw new TypeError('A StructuredStream can be iterated once.');
    }

    this.#iterated = true;
    return {
      next: () => this.#updates.next(),
      return: async () => {
        if (!this.#updates.ended) {
          await this.cancel();
        }

        this.#updates.clear();
        return { done: true, value: undefined };
      },
    };
  }

  /** Hands an update to the iterator, unless it replays what a resume from `after` (without its object) skips. */
  #show(update: StreamUpdate): void {
    const replayed = this.#silentUpTo > 0 && update.seq <= this.#silentUpTo;
    if (!replayed || update.event.type === 'reconnecting' || update.event.type === 'final') {
      this.#updates.push(update);
    }
  }

  #end(failure: { error: unknown } | undefined): void {
    clearTimeout(this.#cancelTimer);
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#updates.end(failure);
  }

  async #run(opening: Opening): Promise<StreamResult> {
    while (!this.#cancelRequested) {
      let drop: Drop;
      try {
        return await this.#read(opening);
      } catch (e) {
        if (!(e instanceof Drop)) {
          throw e;
        }

        drop = e;
      }

      if (this.#cancelRequested) {
        break;
      }

      if (this.#session.streamId === undefined) {
        // Never POST twice: that would start a second stream.
        throw new StreamConnectionError(`The stream could not be started: ${drop.message}.`, 0, this.#session.lastSeq, { cause: drop });
      }

      const attempt = ++this.#attempt;
      const maxAttempts = this.#reconnect.maxAttempts ?? defaultReconnect.maxAttempts;
      if (attempt > maxAttempts) {
        throw new StreamConnectionError(
          `The connection dropped and ${maxAttempts} attempts to resume after seq ${this.#session.lastSeq} failed: ${drop.message}.`,
          attempt - 1, this.#session.lastSeq, { cause: drop });
      }

      const delayMs = Math.max(backoffDelay(attempt, this.#reconnect), drop.retryAfterMs);
      this.#show(this.#session.reconnecting(attempt, delayMs, drop.message));
      await sleep(delayMs, this.#stopWaiting.signal);
      opening = { kind: 'events', streamId: this.#session.streamId };
    }

    return this.#endCancelled();
  }

  /** One response: its events until `final` (the result), or a Drop when it breaks or ends early. */
  async #read(opening: Opening): Promise<StreamResult> {
    const connection = new AbortController();
    this.#connection = connection;
    const session = this.#session;
    const response = opening.kind === 'post'
      ? await this.#service.post(opening.path, opening.body, connection.signal)
      : await this.#service.events(opening.streamId, session.eventsUrl, session.lastSeq, connection.signal);
    session.streamId ??= response.headers.get('X-Stream-Id') ?? undefined;

    for await (const event of eventsOf(response)) {
      const seqBefore = session.lastSeq;
      const update = session.apply(event);
      if (session.final !== undefined) {
        return await this.#finish();
      }

      if (session.lastSeq > seqBefore || event.type === 'heartbeat') {
        // The link works and the stream lives: a drop after this starts a new count of attempts.
        this.#attempt = 0;
      }

      if (update !== undefined) {
        this.#show(update);
      }
    }

    throw new Drop('the response ended before final');
  }

  /** Shows the final update, then says how the stream ended (or throws the checksum mismatch). */
  async #finish(): Promise<StreamResult> {
    const verdict = await this.#session.verify();
    this.#show(this.#session.update(this.#session.final!));
    if (verdict instanceof ChecksumMismatchError) {
      throw verdict;
    }

    return this.#session.result(verdict);
  }

  #sendDelete(): void {
    const streamId = this.#session.streamId;
    if (streamId !== undefined) {
      this.#deleted ??= this.#service.cancel(streamId, cancelGraceMs);
    }
  }

  /** Ends a cancelled stream whose `final` did not arrive, with the state the DELETE answered, if any. */
  async #endCancelled(): Promise<StreamResult> {
    this.#sendDelete();
    const final = await this.#session.endWithoutFinal(await this.#deleted);
    this.#show(this.#session.update(final));
    return this.#session.result('unverifiable');
  }
}

/** Starts a stream (POST /v1/streams) and reads its events. */
export function stream(request: StreamRequest, options?: StreamOptions): StructuredStream {
  return new StructuredStream({ kind: 'post', path: '/v1/streams', body: request }, options);
}

/**
 * Reads a stream's events after a seq (GET /v1/streams/{id}/events): to follow a stream started elsewhere, or to go
 * on after a page reload. Give `object` (and `completed`) when you hold the object at `after`.
 */
export function resume(streamId: string, options?: ResumeOptions): StructuredStream {
  return new StructuredStream({ kind: 'events', streamId }, options);
}

/** Starts a new stream with the request of `streamId`, with `changes` (prompt, messages, model …) applied. */
export function regenerate(streamId: string, changes?: Partial<StreamRequest>, options?: StreamOptions): StructuredStream {
  return new StructuredStream({ kind: 'post', path: `/v1/streams/${encodeURIComponent(streamId)}/regenerate`, body: changes }, options);
}

/**
 * Starts a new stream going on from the object a cancelled, failed or timed-out stream kept, or, with `object`, from
 * that object as the user changed it (the service refuses an edit that breaks the schema with a 422).
 */
export function continueStream(streamId: string, options?: StreamOptions & ContinueRequest): StructuredStream {
  const body: ContinueRequest | undefined = options?.object === undefined ? undefined : { object: options.object };
  return new StructuredStream({ kind: 'post', path: `/v1/streams/${encodeURIComponent(streamId)}/continue`, body }, options);
}
