// The one-line state above the view: what the stream is doing now, and at the end how it ended and whether the
// object is valid. Fixed height, so nothing below it moves when it changes.
const phaseText = {
  connecting: () => 'Connecting…',
  queued: u => (u.position ? `Queued: position ${u.position}` : 'Queued'),
  thinking: () => 'Thinking…',
  generating: () => 'Writing…',
  tool: u => `Running tool ${u.event.name ?? ''}…`.replace(' …', '…'),
  retrieval: () => 'Looking up sources…',
  retrying: u => `Retrying${u.event.detail ? `: ${u.event.detail}` : '…'}`,
  stalled: () => 'The model has paused; waiting for more…',
  reconnecting: u => `Connection lost: reconnecting${u.event.attempt ? ` (attempt ${u.event.attempt})` : ''}…`,
  done: () => 'Finished',
};

const outcomeText = {
  completed: 'Completed',
  cancelled: 'Stopped',
  failed: 'Failed',
  timed_out: 'Timed out',
  invalid: 'Stopped: the answer broke the schema',
};

export class PhaseLine {
  #box;
  #phase;
  #result;
  #lastStatus = null;

  constructor(box, phase, result) {
    this.#box = box;
    this.#phase = phase;
    this.#result = result;
  }

  reset() {
    this.#lastStatus = null;
    this.#set('idle', 'Ready', '');
  }

  connecting() {
    this.#lastStatus = null;
    this.#set('connecting', phaseText.connecting(), '');
  }

  show(update) {
    // The phase's detail (a tool's name) comes with its status event; later events keep showing it.
    if (update.event.type === 'status' || update.event.type === 'reconnecting') this.#lastStatus = update;
    const source = this.#lastStatus?.phase === update.phase ? this.#lastStatus : update;
    const text = (phaseText[update.phase] ?? (() => update.phase))({ ...source, position: update.position ?? source.position });
    this.#set(update.phase, text, update.streamId ? `stream ${update.streamId}` : '');
  }

  finish(result) {
    this.#set(result.outcome === 'completed' ? 'completed' : 'ended', outcomeText[result.outcome] ?? result.outcome, this.#details(result).join(' · '));
  }

  fail(error) {
    this.#set('ended', 'Stopped with an error', error?.name ?? '');
  }

  /** The end in one sentence, for the live region. */
  summary(result) {
    return `${outcomeText[result.outcome] ?? result.outcome}: ${this.#details(result).join(', ')}.`;
  }

  #details(result) {
    const errors = result.final.errors ?? [];
    const validity = errors.length === 0 ? 'valid against the schema' : `${errors.length} schema error${errors.length > 1 ? 's' : ''}: ${errors[0].path || '/'} ${errors[0].message}`;
    const repairs = (result.final.repairs ?? []).map(r => r.kind.replaceAll('_', ' ')).join(', ');
    const checksum = result.checksum === 'verified' ? 'checksum verified' : 'checksum not verifiable';
    return [validity, repairs && `repaired: ${repairs}`, checksum].filter(Boolean);
  }

  #set(phase, text, detail) {
    this.#box.dataset.phase = phase;
    if (this.#phase.textContent !== text) this.#phase.textContent = text;
    if (this.#result.textContent !== detail) this.#result.textContent = detail;
  }
}
