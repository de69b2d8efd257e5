// What a stream gives its caller (phases, updates, the result) and the options that start one.
import type { ReconnectOptions } from './backoff.js';
import type { ErrorEvent, FinalEvent, Outcome, StreamEvent } from './protocol.js';

/** Where a stream is, for people: the server's `status` phases plus what the client knows on its own. */
export type StreamPhase =
  | 'connecting' // the request is on its way
  | 'queued' // waiting for a slot (`position` says where in the line)
  | 'thinking' // started, no patch yet (also after the service says `generating`: the model has not written)
  | 'generating'
  | 'tool'
  | 'retrieval'
  | 'retrying'
  | 'stalled'
  | 'reconnecting' // the connection dropped; waiting to resume
  | 'done';

/** Synthesized by the client before each wait to reconnect; its update's seq is the last applied seq. */
export interface ReconnectingEvent {
  type: 'reconnecting';
  /** 1 for the first attempt after a drop, then 2, 3 …; back to 1 once events flow again. */
  attempt: number;
  /** How long the client waits before this attempt. */
  delayMs: number;
  /** What went wrong. */
  reason: string;
}

/** The state after one event. Updates are immutable: `object` shares every part an event did not change. */
export interface StreamUpdate {
  /** The last applied seq (a heartbeat or `reconnecting` repeats it). */
  seq: number;
  event: StreamEvent | ReconnectingEvent;
  /** The partial object after the event (undefined before the first patch). */
  object: unknown;
  phase: StreamPhase;
  /** The place in the queue (1 is next), while queued. */
  position?: number;
  /** The JSON Pointers completed so far ('' once the whole object is). */
  completed: ReadonlySet<string>;
  streamId?: string;
}

/** How a stream ended. */
export interface StreamResult {
  streamId?: string;
  outcome: Outcome;
  object: unknown;
  /**
   * The `final` event. When the client had to end a cancelled stream on its own (no `final` came within ~3 s of
   * cancelling, or the stream id was never known), it is synthesized from what was shown.
   */
  final: FinalEvent;
  /** The `error` events of the stream. */
  errors: ErrorEvent[];
  /**
   * 'verified': the patches rebuilt `final.object` and its canonical SHA-256 is `final.checksum`. 'unverifiable': the
   * object holds a number beyond double range (no canonical form here), crypto.subtle is missing, or the client
   * synthesized `final`.
   */
  checksum: 'verified' | 'unverifiable';
  lastSeq: number;
}

/** How to reach the service, and how to stop and resume a stream. */
export interface StreamOptions {
  /** The service's origin (and path prefix, if any). Default '' (same origin, for pages the service serves). */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Aborting it stops the stream, as `cancel()` does. */
  signal?: AbortSignal;
  /** The fetch to use (default: globalThis.fetch). */
  fetch?: typeof fetch;
  reconnect?: ReconnectOptions;
}

/** What `resume` starts from. */
export interface ResumeOptions extends StreamOptions {
  /**
   * The last seq the caller has (0, the default: from the start). Without `object`, the client reads the stream
   * from the start to rebuild the object and yields the updates after `after` only.
   */
  after?: number;
  /** The object at `after`, when the caller holds it: then only the events after `after` are fetched. */
  object?: unknown;
  /** The paths completed at `after`, with `object`. */
  completed?: Iterable<string>;
}
