// Answer with sources (schema research-answer): the markdown answer renders while it is written, the sources list
// beside it fills in, and a source links to its page only once its address is complete.
import { el, setText, setFlag, member } from '../dom.js';
import { StreamingMarkdown } from '../markdown.js';

export function createAnswerView(panel) {
  const question = el('h2', { class: 'question' });
  const confidence = el('meter', { min: '0', max: '1', value: '0', class: 'confidence', 'aria-label': 'Confidence' });
  const body = el('div', { class: 'markdown' });
  const sources = el('ol', { class: 'sources' });
  panel.replaceChildren(el('div', { class: 'answer-view' },
    el('div', { class: 'answer-head' }, question, el('label', { class: 'confidence-label' }, 'Confidence ', confidence)),
    el('div', { class: 'answer-columns' },
      el('article', { class: 'answer', 'aria-label': 'Answer' }, body),
      el('aside', { class: 'sources-box', 'aria-label': 'Sources' }, el('h3', { text: 'Sources' }), sources))));

  let latest;
  let spoken = 0;
  const markdown = new StreamingMarkdown(body, id => {
    const citations = member(latest, 'citations') ?? [];
    return citations.find(c => String(member(c, 'id')) === id && typeof member(c, 'url') === 'string');
  });

  return {
    reset() {
      latest = undefined;
      spoken = 0;
      markdown.reset();
      this.render(undefined, () => false);
    },

    render(object, isComplete) {
      latest = object;
      setText(question, member(object, 'question') ?? '');
      const level = member(object, 'confidence');
      if (confidence.value !== (level ?? 0)) confidence.value = level ?? 0;
      markdown.update(member(object, 'answer') ?? '');
      setFlag(body, 'writing', member(object, 'answer') !== undefined && !isComplete('/answer'));
      renderSources(sources, member(object, 'citations') ?? [], isComplete);
      markdown.relink();
    },

    describe(path, object) {
      if (path === '') return 'The answer is complete.';
      const parts = path.split('/');
      if (parts.length === 3 && parts[1] === 'citations') {
        const source = member(object, 'citations')?.[Number(parts[2])];
        return source ? `Source ${member(source, 'id')}: ${member(source, 'title')}.` : null;
      }
      return parts.length === 2 && parts[1] === 'question' ? `Question: ${member(object, 'question')}` : null;
    },

    /** Sentences of the answer finished since the last call: read out whole, never token by token. */
    finishedSentences(object) {
      const text = member(object, 'answer') ?? '';
      if (text.length < spoken) spoken = 0;
      const sentences = [];
      const end = /[.!?](\s)/g;
      end.lastIndex = spoken;
      let match;
      let from = spoken;
      while ((match = end.exec(text)) !== null) {
        const sentence = plain(text.slice(from, match.index + 1));
        if (sentence) sentences.push(sentence);
        from = match.index + 2;
      }
      spoken = from;
      return sentences;
    },
  };
}

function renderSources(list, citations, isComplete) {
  for (let i = 0; i < citations.length; i++) {
    const source = citations[i];
    let item = list.children[i];
    if (!item) {
      item = el('li', {}, el('span', { class: 'source-title' }), el('blockquote', { class: 'source-quote' }));
      list.append(item);
    }
    const id = member(source, 'id');
    if (id !== undefined) item.id = `source-${id}`;
    const title = member(source, 'title') ?? '';
    const url = member(source, 'url');
    const linked = typeof url === 'string' && isComplete(`/citations/${i}/url`) && /^https?:\/\//.test(url);
    const holder = item.firstElementChild;
    // The title becomes a link when the address is whole: a half-written address is never clickable.
    if (linked && holder.tagName !== 'A') {
      const link = el('a', { class: 'source-title', href: url, rel: 'noopener noreferrer', target: '_blank' });
      holder.replaceWith(link);
    }
    setText(item.firstElementChild, title);
    setText(item.lastElementChild, member(source, 'quote') ?? '');
    setFlag(item, 'complete', isComplete(`/citations/${i}`));
  }
  while (list.children.length > citations.length) list.lastElementChild.remove();
}

function plain(markdown) {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/[#*`>-]/g, ' ').replace(/\s+/g, ' ').trim();
}
