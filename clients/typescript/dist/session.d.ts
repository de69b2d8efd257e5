import type { WireEvent } from './connection.js';
import { ChecksumMismatchError } from './errors.js';
import type { ErrorEvent, FinalEvent, StreamEvent, StreamState } from './protocol.js';
import type { ReconnectingEvent, StreamPhase, StreamResult, StreamUpdate } from './updates.js';
/** The state of one stream, changed only by applying its events (and by the client's own `reconnecting`). */
export declare class StreamSession {
    #private;
    /** From `started`, the X-Stream-Id header, or the caller (resume). */
    streamId: string | undefined;
    /** Where `started` says to resume. */
    eventsUrl: string | undefined;
    readonly errors: ErrorEvent[];
    /** A new stream, or one read on from `after` where the caller holds its object (and completed paths). */
    constructor(streamId?: string, from?: {
        after: number;
        object: unknown;
        completed?: Iterable<string>;
    });
    get object(): unknown;
    get lastSeq(): number;
    get completed(): ReadonlySet<string>;
    get phase(): StreamPhase;
    /** The place in the queue, while queued. */
    get position(): number | undefined;
    /** The `final` event, once applied (or synthesized by `endWithoutFinal`). */
    get final(): FinalEvent | undefined;
    /** Whether the value at `path` is final: it, or a value holding it, is complete. */
    isComplete(path: string): boolean;
    /**
     * Applies an event and returns the update to show: none for an event already applied, an unknown type (its seq
     * still counts) or `final` (shown once `verify` has checked it).
     * @throws StreamProtocolError for a patch that does not apply.
     */
    apply(event: WireEvent): StreamUpdate | undefined;
    /** Enters the phase 'reconnecting' (the phase before it comes back with the next event) and returns its update. */
    reconnecting(attempt: number, delayMs: number, reason: string): StreamUpdate;
    /** The update showing the state now, after `event`. */
    update(event: StreamEvent | ReconnectingEvent): StreamUpdate;
    /**
     * Checks `final` against the object the patches built and against its checksum: the result's `checksum`, or the
     * error to throw once the final update is shown.
     */
    verify(): Promise<StreamResult['checksum'] | ChecksumMismatchError>;
    /**
     * Ends a cancelled stream whose `final` did not come, with a synthesized one: the object the service kept (the
     * DELETE's answer, `state`) when it is at least as recent, else the object as shown.
     */
    endWithoutFinal(state: StreamState | undefined): Promise<FinalEvent>;
    /** How the stream ended, once `final` is known. */
    result(checksum: StreamResult['checksum']): StreamResult;
}
