// The wire protocol (docs/protocol.md) and the HTTP bodies (openapi.yaml), as types.
// test/protocol-types.test.mjs holds every event interface here to its component in openapi.yaml:
// property names, which are required, and the `type` literal.

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** RFC 6902 operations plus the `append` extension. */
export type PatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test' | 'append';

/** One JSON Patch operation. `append` adds `value` (a string) to the end of the string at `path`. */
export interface PatchOperation {
  op: PatchOp;
  /** A JSON Pointer (RFC 6901); "" is the root. */
  path: string;
  /** The source pointer, for move and copy. */
  from?: string;
  /** The value, for add, replace, test and append. */
  value?: unknown;
}

/** First event from the HTTP service: which stream this is and where to resume it. */
export interface StartedEvent {
  seq: number;
  type: 'started';
  streamId: string;
  schemaHash: string;
  schemaId?: string;
  model: string;
  /** Where to read or resume the events (GET, with Last-Event-ID or ?after=seq). */
  eventsUrl: string;
  regeneratedFrom?: string;
  continuedFrom?: string;
}

/** The phases a `status` event names (more may come: unknown ones leave the client's phase as it was). */
export type ServerPhase = 'generating' | 'tool' | 'retrieval' | 'retrying' | 'stalled' | 'queued';

/** The stream entered a phase. */
export interface StatusEvent {
  seq: number;
  type: 'status';
  phase: ServerPhase | (string & {});
  /** The tool, for tool and retrieval. */
  name?: string;
  detail?: string;
  /** The place in the queue (1 is next), for queued. */
  position?: number;
  /** How long a tool took, when it reports its end. */
  durationMs?: number;
}

/** The partial object changed: apply `ops` in order. */
export interface PatchEvent {
  seq: number;
  type: 'patch';
  ops: PatchOperation[];
}

/** Values that will not change any more (JSON Pointers, innermost first). */
export interface CompleteEvent {
  seq: number;
  type: 'complete';
  paths: string[];
}

/** A fault mid-stream; every patch before it stays valid, and `final` follows. */
export interface ErrorEvent {
  seq: number;
  type: 'error';
  code: string;
  message: string;
  retryable: boolean;
  /** The JSON Pointer the error concerns (schema violations). */
  path?: string;
  /** The schema keyword that was violated. */
  keyword?: string;
  /** UTF-16 offset into the model's text (parse errors). */
  offset?: number;
}

export type Outcome = 'completed' | 'cancelled' | 'failed' | 'timed_out' | 'invalid';

export type RepairKind =
  | 'byte_order_mark' | 'leading_text' | 'code_fence' | 'trailing_text' | 'trailing_comma' | 'comment'
  | 'control_character' | 'invalid_escape' | 'invalid_unicode' | 'invalid_utf8' | 'duplicate_key' | 'truncated';

/** A kind of repair the tolerant parser made: how often, and the UTF-16 offset of the first time. */
export interface Repair {
  kind: RepairKind;
  count: number;
  offset: number;
}

/** Where the final object breaks the schema. */
export interface ValidationError {
  path: string;
  keyword: string;
  message: string;
}

/** Always last: how the stream ended, the whole object, the repairs and the validation errors. */
export interface FinalEvent {
  seq: number;
  type: 'final';
  outcome: Outcome;
  /** The whole object (null when nothing was produced). */
  object: unknown;
  repairs: Repair[];
  errors: ValidationError[];
  /** `sha256:` and the lowercase hex SHA-256 of the object's RFC 8785 canonical form. */
  checksum: string;
}

/** The link is alive. Its seq repeats the last event's; it is not stored and never moves the cursor. */
export interface HeartbeatEvent {
  seq: number;
  type: 'heartbeat';
}

/** One event of a stream. Clients ignore types they do not know. */
export type StreamEvent = StartedEvent | StatusEvent | PatchEvent | CompleteEvent | ErrorEvent | FinalEvent | HeartbeatEvent;

/** The event types this client knows. */
export type StreamEventType = StreamEvent['type'];

/** One message of the conversation. */
export interface MessageInput {
  role: 'system' | 'user' | 'assistant' | (string & {});
  content: string;
}

/** Sampling options. */
export interface ModelSettings {
  temperature?: number | null;
  maxOutputTokens?: number | null;
  /** The simulated model is deterministic for a seed. */
  seed?: number | null;
}

export type SimulationScenario = 'none' | 'stall' | 'error' | 'malformed' | 'truncated' | 'violation' | 'tool' | 'long';

/** Per-request behaviour of the simulated model, for demos and tests. Real providers ignore it. */
export interface SimulationSettings {
  scenario?: SimulationScenario;
  /** For `stall`, `error`: how many tokens are written first. Default 20. */
  afterTokens?: number;
  /** Tokens per second (0 writes as fast as possible). */
  tokensPerSecond?: number | null;
  /** Time to first token, in milliseconds. */
  firstTokenMs?: number | null;
}

/** The body of `POST /v1/streams`. Give `schema` or `schemaId`, and `prompt` or `messages`. */
export interface CreateStreamRequest {
  schema?: unknown;
  schemaId?: string | null;
  messages?: MessageInput[] | null;
  prompt?: string | null;
  model?: ModelSettings;
  /** `append` (default) or `strict` (RFC 6902 only: `replace` instead of `append`). */
  patch?: 'append' | 'strict' | null;
  /** What a schema violation does: `abort` (default), `continue`, or `retry` (ask the model again from the last valid value). */
  onViolation?: 'abort' | 'continue' | 'retry' | null;
  simulation?: SimulationSettings;
}

/** The optional body of `POST /v1/streams/{id}/continue`. */
export interface ContinueRequest {
  /** The object to go on from instead of the one the stream kept: that object as the user edited it. */
  object?: unknown;
}

/** What `stream()` sends: the body of `POST /v1/streams`. */
export type StreamRequest = CreateStreamRequest;

/** A stream's state (`GET /v1/streams/{id}`, and the answer of `DELETE`). */
export interface StreamState {
  id?: string | null;
  /** `running`, or the outcome it ended with. */
  status?: string | null;
  /** The seq of its last event. */
  seq?: number;
  /** The partial object as of `seq` (the final object once ended). */
  object?: unknown;
  schemaHash?: string | null;
  schemaId?: string | null;
  model?: string | null;
  createdAt?: string;
  eventsUrl?: string | null;
}

/** RFC 9457 problem details, as the service answers errors before streaming. */
export interface ProblemDetails {
  type?: string | null;
  title?: string | null;
  status?: number | null;
  detail?: string | null;
  instance?: string | null;
  [extension: string]: unknown;
}
