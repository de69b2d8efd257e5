// Speaks to screen readers through one polite live region: whole fields and whole sentences, never single tokens.
export class Announcer {
  #region;
  #pending = [];
  #timer = 0;

  constructor(region) {
    this.#region = region;
  }

  say(text) {
    if (!text) return;
    this.#pending.push(text);
    // Everything completed within one short window is read as one announcement.
    this.#timer ||= setTimeout(() => this.#flush(), 400);
  }

  #flush() {
    this.#timer = 0;
    const line = document.createElement('p');
    line.textContent = this.#pending.join(' ');
    this.#pending = [];
    this.#region.append(line);
    // Keep only the last few lines: the region is read as it changes, not as a log.
    while (this.#region.childElementCount > 3) this.#region.firstElementChild.remove();
  }
}
