// Renders markdown that is still being written: paragraphs, headings, lists and fenced code blocks show while open
// (an unclosed fence is a code block in progress). Only the blocks from the last one on are parsed again on each
// frame, so a long answer costs what it grew by, and blocks already on screen are updated in place, never rebuilt.
// A big jump (a reader catching up on a long answer) is spread over several frames, so no frame blocks the page.
import { el } from './dom.js';

/** The most new text one frame renders; the rest follows in the next frames. */
const charactersPerFrame = 32_768;

export class StreamingMarkdown {
  #container;
  #text = '';
  #stableBlocks = 0;   // blocks before this index are closed: later text cannot change them
  #stableEnd = 0;      // where the text of the first unstable block starts
  #shown = [];         // per block on screen: its kind, source text and open state
  #nodes = [];         // the blocks' elements, by index (a live children collection is slow to index when long)
  #citations;
  #target = '';        // the text to show; #text is how much of it is on screen
  #scheduled = false;

  constructor(container, citations = () => undefined) {
    this.#container = container;
    this.#citations = citations;
  }

  reset() {
    this.#text = '';
    this.#target = '';
    this.#stableBlocks = 0;
    this.#stableEnd = 0;
    this.#shown = [];
    this.#nodes = [];
    this.#container.replaceChildren();
  }

  update(text) {
    this.#target = text;
    this.#step();
  }

  #step() {
    const target = this.#target;
    if (target === this.#text) return;
    if (!target.startsWith(this.#text)) this.reset();
    this.#target = target;
    let end = target.length;
    if (end - this.#stableEnd > charactersPerFrame) {
      const cut = target.lastIndexOf('\n', this.#stableEnd + charactersPerFrame);
      if (cut > this.#stableEnd) end = cut + 1;
    }

    const text = end === target.length ? target : target.slice(0, end);
    this.#text = text;
    const blocks = parseBlocks(text, this.#stableEnd);
    // Every block but the last is closed; the last may still grow or change kind ("-" may start a list).
    for (let i = 0; i < blocks.length; i++) this.#place(this.#stableBlocks + i, blocks[i]);
    const total = this.#stableBlocks + blocks.length;
    while (this.#nodes.length > total) this.#nodes.pop().remove();
    this.#shown.length = total;
    if (blocks.length > 1) {
      this.#stableBlocks += blocks.length - 1;
      this.#stableEnd = blocks[blocks.length - 1].start;
    }

    if (end < target.length && !this.#scheduled) {
      this.#scheduled = true;
      requestAnimationFrame(() => {
        this.#scheduled = false;
        this.#step();
      });
    }
  }

  /** Links `[n]` citation marks whose sources arrived since the last render. */
  relink() {
    for (const mark of this.#container.querySelectorAll('span.cite[data-id]')) {
      const source = this.#citations(mark.dataset.id);
      if (source) mark.replaceWith(citationLink(mark.dataset.id, source));
    }
  }

  #place(index, block) {
    const existing = this.#nodes[index];
    const shown = this.#shown[index];
    if (existing && shown && shown.kind === block.kind && shown.source === block.source && shown.open === block.open) return;
    this.#shown[index] = { kind: block.kind, source: block.source, open: block.open };
    if (existing && shown?.kind === 'code' && block.kind === 'code') {
      // A growing code block keeps its element (and any selection in it): only its text and state change.
      existing.querySelector('code').textContent = block.body;
      existing.dataset.open = String(block.open);
      return;
    }
    const node = this.#render(block);
    if (existing) existing.replaceWith(node);
    else this.#container.append(node);
    this.#nodes[index] = node;
  }

  #render(block) {
    let node;
    switch (block.kind) {
      case 'code':
        node = el('pre', { class: 'code', 'data-lang': block.lang }, el('code', { text: block.body }));
        break;
      case 'heading':
        node = el(`h${Math.min(block.level + 2, 6)}`, {}, ...this.#inline(block.body));
        break;
      case 'list':
        node = el(block.ordered ? 'ol' : 'ul', {}, ...block.items.map(item => el('li', {}, ...this.#inline(item))));
        break;
      default:
        node = el('p', {}, ...this.#inline(block.body));
    }
    node.dataset.open = String(block.open);
    return node;
  }

  #inline(text) {
    const nodes = [];
    // `code`, **bold**, [label](https://…) and [n] citation marks; anything unclosed stays plain text for now.
    const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|\[(\d{1,3})\]/g;
    let at = 0;
    for (const match of text.matchAll(pattern)) {
      if (match.index > at) nodes.push(text.slice(at, match.index));
      if (match[1] !== undefined) nodes.push(el('code', { text: match[1] }));
      else if (match[2] !== undefined) nodes.push(el('strong', { text: match[2] }));
      else if (match[3] !== undefined) nodes.push(el('a', { href: match[4], rel: 'noopener noreferrer', target: '_blank', text: match[3] }));
      else {
        const source = this.#citations(match[5]);
        nodes.push(source ? citationLink(match[5], source) : el('span', { class: 'cite', 'data-id': match[5], text: `[${match[5]}]` }));
      }
      at = match.index + match[0].length;
    }
    if (at < text.length) nodes.push(text.slice(at));
    return nodes;
  }
}

function citationLink(id, source) {
  return el('a', { class: 'cite', href: `#source-${id}`, title: source.title ?? '', text: `[${id}]` });
}

/** Splits text from `from` into blocks; each block knows where it starts and whether it is still open. */
export function parseBlocks(text, from = 0) {
  const blocks = [];
  let paragraph = null;
  let list = null;
  let fence = null;
  let at = from;
  const end = () => { paragraph = null; list = null; };
  while (at <= text.length) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(at, lineEnd);
    const complete = newline !== -1;
    if (fence) {
      if (/^```\s*$/.test(line) && complete) {
        fence.open = false;
        fence.source = text.slice(fence.start, lineEnd);
        fence = null;
      } else if (!complete && /^`{1,3}\s*$/.test(line)) {
        // Perhaps the closing fence, half written: show it when it is clear what it is.
      } else {
        fence.body += (fence.body || fence.lines ? '\n' : '') + line;
        fence.lines++;
        fence.source = text.slice(fence.start, lineEnd);
      }
    } else if (/^```/.test(line)) {
      end();
      fence = { kind: 'code', lang: line.slice(3).trim(), body: '', lines: 0, start: at, open: true, source: line };
      blocks.push(fence);
    } else if (line.trim() === '') {
      end();
    } else if (/^#{1,6}\s/.test(line)) {
      end();
      const level = line.match(/^#+/)[0].length;
      blocks.push({ kind: 'heading', level, body: line.slice(level).trim(), start: at, open: !complete, source: line });
    } else if (/^\s*([-*]|\d+\.)\s/.test(line)) {
      paragraph = null;
      const ordered = /^\s*\d+\./.test(line);
      const item = line.replace(/^\s*([-*]|\d+\.)\s/, '');
      if (!list || list.ordered !== ordered) {
        list = { kind: 'list', ordered, items: [], start: at, open: true, source: '' };
        blocks.push(list);
      }
      list.items.push(item);
      list.source = text.slice(list.start, lineEnd);
    } else if (list && /^\s{2,}/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      list.source = text.slice(list.start, lineEnd);
    } else {
      list = null;
      if (!paragraph) {
        paragraph = { kind: 'paragraph', body: '', start: at, open: true, source: '' };
        blocks.push(paragraph);
      }
      paragraph.body += (paragraph.body ? ' ' : '') + line.trim();
      paragraph.source = text.slice(paragraph.start, lineEnd);
    }
    if (!complete) break;
    at = newline + 1;
  }
  return blocks;
}
