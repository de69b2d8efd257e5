// The client's state of one stream: the object its patches built, the completed paths, the phase and the last seq
// applied. An event at or below that seq is never applied again, whatever the connection does.
import { CompletedPaths } from './completed-paths.js';
import { checksumOf } from './checksum.js';
import { ChecksumMismatchError, PatchError, StreamProtocolError } from './errors.js';
import { jsonEqual } from './json-equal.js';
import { applyPatch } from './patch.js';
/** The `status` phases this client knows; any other leaves the phase as it was. */
const serverPhases = new Set(['generating', 'tool', 'retrieval', 'retrying', 'stalled', 'queued']);
/** What a DELETE's answer may say besides `cancelled`: the stream had already ended on its own. */
const endedOutcomes = new Set(['completed', 'failed', 'timed_out', 'invalid']);
/** The state of one stream, changed only by applying its events (and by the client's own `reconnecting`). */
export class StreamSession {
    /** From `started`, the X-Stream-Id header, or the caller (resume). */
    streamId;
    /** Where `started` says to resume. */
    eventsUrl;
    errors = [];
    #object = undefined;
    #lastSeq = 0;
    #completed = CompletedPaths.of();
    #phase = 'connecting';
    #phaseBeforeDrop = 'connecting';
    #position;
    /** The service says `generating` when the model call starts; until a patch arrives, the model is still thinking. */
    #patched = false;
    #final;
    /** A new stream, or one read on from `after` where the caller holds its object (and completed paths). */
    constructor(streamId, from) {
        this.streamId = streamId;
        if (from !== undefined) {
            this.#lastSeq = from.after;
            this.#object = from.object;
            this.#completed = CompletedPaths.of(from.completed ?? []);
            this.#patched = true;
        }
    }
    get object() {
        return this.#object;
    }
    get lastSeq() {
        return this.#lastSeq;
    }
    get completed() {
        return this.#completed;
    }
    get phase() {
        return this.#phase;
    }
    /** The place in the queue, while queued. */
    get position() {
        return this.#phase === 'queued' ? this.#position : undefined;
    }
    /** The `final` event, once applied (or synthesized by `endWithoutFinal`). */
    get final() {
        return this.#final;
    }
    /** Whether the value at `path` is final: it, or a value holding it, is complete. */
    isComplete(path) {
        const completed = this.#completed;
        if (completed.has(path) || completed.has('')) {
            return true;
        }
        // Its ancestors: '/a' for '/a/b' ('' is checked above).
        for (let slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (completed.has(path.slice(0, slash))) {
                return true;
            }
        }
        return false;
    }
    /**
     * Applies an event and returns the update to show: none for an event already applied, an unknown type (its seq
     * still counts) or `final` (shown once `verify` has checked it).
     * @throws StreamProtocolError for a patch that does not apply.
     */
    apply(event) {
        if (this.#phase === 'reconnecting') {
            // The link is back; the events say what happens next.
            this.#phase = this.#phaseBeforeDrop;
        }
        if (event.type === 'heartbeat') {
            return this.update(event);
        }
        if (event.seq <= this.#lastSeq) {
            if (event.type === 'final' && event.seq === this.#lastSeq && this.#final === undefined) {
                // The final again, at the seq the reader resumed from: the stream had ended there (the service repeats it).
                this.#final = event;
                this.#phase = 'done';
            }
            return undefined;
        }
        this.#lastSeq = event.seq;
        switch (event.type) {
            case 'started':
                if (typeof event['streamId'] === 'string') {
                    this.streamId = event['streamId'];
                }
                if (typeof event['eventsUrl'] === 'string') {
                    this.eventsUrl = event['eventsUrl'];
                }
                if (this.#phase === 'connecting') {
                    this.#phase = 'thinking';
                }
                break;
            case 'status':
                this.#enter(event['phase'], event['position']);
                break;
            case 'patch':
                this.#patch(event);
                break;
            case 'complete':
                this.#complete(event['paths']);
                break;
            case 'error':
                this.errors.push(event);
                break;
            case 'final':
                this.#final = event;
                this.#phase = 'done';
                return undefined;
            default:
                return undefined; // a type this client does not know: its seq counts, nothing else changes
        }
        return this.update(event);
    }
    /** Enters the phase 'reconnecting' (the phase before it comes back with the next event) and returns its update. */
    reconnecting(attempt, delayMs, reason) {
        if (this.#phase !== 'reconnecting') {
            this.#phaseBeforeDrop = this.#phase;
            this.#phase = 'reconnecting';
        }
        const event = { type: 'reconnecting', attempt, delayMs, reason };
        return this.update(event);
    }
    /** The update showing the state now, after `event`. */
    update(event) {
        const update = { seq: this.#lastSeq, event, object: this.#object, phase: this.#phase, completed: this.#completed };
        if (this.position !== undefined) {
            update.position = this.position;
        }
        if (this.streamId !== undefined) {
            update.streamId = this.streamId;
        }
        return update;
    }
    /**
     * Checks `final` against the object the patches built and against its checksum: the result's `checksum`, or the
     * error to throw once the final update is shown.
     */
    async verify() {
        const final = this.#final;
        const replayed = this.#object === undefined ? null : this.#object;
        if (!jsonEqual(replayed, final.object)) {
            return new ChecksumMismatchError('replay', final.checksum, '');
        }
        // No checksum here when the object has no canonical form (a number beyond double range) or there is no
        // crypto.subtle (a page on plain http).
        const actual = await checksumOf(final.object).catch(() => undefined);
        if (actual !== undefined && actual !== final.checksum) {
            return new ChecksumMismatchError('checksum', final.checksum, actual);
        }
        // Keep the replayed object (same identity as the last update) unless nothing was ever patched.
        this.#object ??= final.object;
        return actual === undefined ? 'unverifiable' : 'verified';
    }
    /**
     * Ends a cancelled stream whose `final` did not come, with a synthesized one: the object the service kept (the
     * DELETE's answer, `state`) when it is at least as recent, else the object as shown.
     */
    async endWithoutFinal(state) {
        let outcome = 'cancelled';
        if (typeof state === 'object' && state !== null) {
            if (state.object !== undefined && typeof state.seq === 'number' && state.seq >= this.#lastSeq) {
                this.#object = state.object;
                this.#lastSeq = state.seq;
            }
            if (typeof state.status === 'string' && endedOutcomes.has(state.status)) {
                outcome = state.status;
            }
        }
        this.#object ??= null;
        // No canonical form, or no crypto.subtle: the synthesized final carries no checksum.
        const checksum = await checksumOf(this.#object).catch(() => '');
        this.#final = { seq: this.#lastSeq, type: 'final', outcome, object: this.#object, repairs: [], errors: [], checksum };
        this.#phase = 'done';
        return this.#final;
    }
    /** How the stream ended, once `final` is known. */
    result(checksum) {
        const final = this.#final;
        const result = { outcome: final.outcome, object: this.#object, final, errors: this.errors.slice(), checksum, lastSeq: this.#lastSeq };
        if (this.streamId !== undefined) {
            result.streamId = this.streamId;
        }
        return result;
    }
    #enter(phase, position) {
        if (typeof phase !== 'string' || !serverPhases.has(phase)) {
            return;
        }
        this.#phase = phase === 'generating' && !this.#patched ? 'thinking' : phase;
        this.#position = phase === 'queued' && typeof position === 'number' ? position : undefined;
    }
    #patch(event) {
        try {
            this.#object = applyPatch(this.#object, event['ops']);
        }
        catch (e) {
            if (e instanceof PatchError) {
                throw new StreamProtocolError(`The patch of seq ${event.seq} does not apply: ${e.message}`, event.seq, { cause: e });
            }
            throw e;
        }
        // A patch means the model is writing, whatever the last status said.
        this.#patched = true;
        this.#phase = 'generating';
    }
    #complete(paths) {
        if (!Array.isArray(paths) || paths.length === 0) {
            return;
        }
        this.#completed = this.#completed.with(paths.filter((path) => typeof path === 'string'));
    }
}
