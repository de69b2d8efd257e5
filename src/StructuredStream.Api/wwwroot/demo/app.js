// The demo page: picks a view, starts streams with the TypeScript client, renders once per animation frame and says
// what is happening (phase, errors, result) without moving anything already on screen.
import { stream, regenerate, continueStream, FrameBatcher } from '../client/index.js';
import { Announcer } from './announcer.js';
import { PhaseLine } from './phase-line.js';
import { createFormView } from './views/form.js';
import { createDashboardView } from './views/dashboard.js';
import { createAnswerView } from './views/answer.js';

const views = {
  form: { schemaId: 'signup-form', seed: 1, prompt: 'Sign up Ada from Lisbon for the team plan; she likes parsers and streaming.', create: createFormView },
  dashboard: { schemaId: 'sales-dashboard', seed: 9, prompt: 'Summarise last quarter\'s sales by region, with the trend per product line.', create: createDashboardView },
  answer: { schemaId: 'research-answer', seed: 1, prompt: 'How do I stream structured output to a browser, with sources?', create: createAnswerView },
};

const page = {
  tabs: [...document.querySelectorAll('[role="tab"]')],
  panel: document.getElementById('view'),
  prompt: document.getElementById('prompt'),
  scenario: document.getElementById('scenario'),
  speed: document.getElementById('speed'),
  generate: document.getElementById('generate'),
  stop: document.getElementById('stop'),
  regenerate: document.getElementById('regenerate'),
  continue: document.getElementById('continue'),
  notice: document.getElementById('notice'),
};

const announcer = new Announcer(document.getElementById('announcer'));
const phaseLine = new PhaseLine(document.getElementById('state'), document.getElementById('phase'), document.getElementById('result'));

let current = null;   // { name, view }
let running = null;   // { controller, stream }
let last = null;      // { streamId, prompt, outcome } of the latest stream of this view

selectView('form', { focus: false });

for (const tab of page.tabs) {
  tab.addEventListener('click', () => selectView(tab.dataset.view, { focus: false }));
  tab.addEventListener('keydown', event => {
    const index = page.tabs.indexOf(tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: page.tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = page.tabs[(next + page.tabs.length) % page.tabs.length];
    selectView(target.dataset.view, { focus: true });
  });
}

page.generate.addEventListener('click', () => run(signal => stream(request(), { signal })));
page.stop.addEventListener('click', () => running?.controller.abort());
page.regenerate.addEventListener('click', () => {
  // A new seed: the simulated model, like a real one, answers differently when asked again.
  const edited = page.prompt.value !== last.prompt ? { prompt: page.prompt.value } : {};
  const seed = Math.floor(Math.random() * 1_000_000);
  run(signal => regenerate(last.streamId, { ...edited, model: { seed }, simulation: simulation() }, { signal }));
});
page.continue.addEventListener('click', () => {
  // What the reader changed in the kept object (the form's fields) is what the model goes on from.
  const object = current.view.edits?.();
  run(signal => continueStream(last.streamId, { signal, ...(object === undefined ? {} : { object }) }), { keep: true });
});

function request() {
  const view = views[current.name];
  return { schemaId: view.schemaId, prompt: page.prompt.value, model: { seed: view.seed }, simulation: simulation() };
}

function simulation() {
  return { scenario: page.scenario.value, tokensPerSecond: Number(page.speed.value), afterTokens: 25 };
}

function selectView(name, { focus }) {
  if (running) {
    // That stream stops, and what it still sends belongs to a view that is gone (run ignores it): the new view is
    // ready at once, its first Generate starts.
    running.controller.abort();
    running = null;
    page.panel.setAttribute('aria-busy', 'false');
  }
  for (const tab of page.tabs) {
    const selected = tab.dataset.view === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected && focus) tab.focus();
  }

  page.panel.setAttribute('aria-labelledby', `tab-${name}`);
  page.panel.dataset.view = name;
  current = { name, view: views[name].create(page.panel) };
  page.prompt.value = views[name].prompt;
  last = null;
  showNotice(null);
  phaseLine.reset();
  setButtons({ running: false });
}

async function run(start, { keep = false } = {}) {
  if (running) return;
  const controller = new AbortController();
  const view = current.view;
  const prompt = page.prompt.value;
  if (!keep) view.reset();
  showNotice(null);
  phaseLine.connecting();
  const active = { controller, stream: start(controller.signal) };
  running = active;
  setButtons({ running: true });
  page.panel.setAttribute('aria-busy', 'true');

  // Many patches can arrive between two frames; the page renders the latest object once per frame.
  const frames = new FrameBatcher((latest, batch) => {
    if (running !== active) return; // the reader switched views: this stream's view and phase line are gone
    view.render(latest.object, path => active.stream.isComplete(path));
    phaseLine.show(latest);
    for (const update of batch) {
      if (update.event.type === 'complete') {
        for (const path of update.event.paths) announcer.say(view.describe(path, latest.object));
      }
    }
    for (const sentence of view.finishedSentences?.(latest.object) ?? []) announcer.say(sentence);
  });

  let result = null;
  let failure = null;
  try {
    for await (const update of active.stream) {
      frames.push(update);
      if (running === active && update.event.type === 'error') showNotice(errorText(update.event), { offerContinue: true });
    }
    result = await active.stream.result;
  } catch (error) {
    failure = error;
  } finally {
    frames.flush();
  }

  if (running !== active) {
    // The reader switched views mid-stream: that stream was stopped, its view is gone, and the page is the new view's.
    return;
  }

  running = null;
  page.panel.setAttribute('aria-busy', 'false');

  const streamId = active.stream.streamId;
  if (result) {
    view.render(result.object, path => active.stream.isComplete(path), { finished: true });
    phaseLine.finish(result);
    announcer.say(phaseLine.summary(result));
    last = { streamId, prompt, outcome: result.outcome };
  } else {
    // A refused request or a lost connection: what was shown stays; say why, and what can be done.
    showNotice(failureText(failure), { offerContinue: Boolean(streamId) });
    phaseLine.fail(failure);
    last = streamId ? { streamId, prompt, outcome: 'failed' } : last;
  }

  setButtons({ running: false });
}

function setButtons({ running: busy }) {
  page.generate.disabled = busy;
  page.stop.disabled = !busy;
  page.regenerate.disabled = busy || !last;
  page.continue.disabled = busy || !last || last.outcome === 'completed' || last.outcome === 'invalid';
  page.scenario.disabled = busy;
  page.speed.disabled = busy;
}

function showNotice(text, { offerContinue = false } = {}) {
  page.notice.textContent = text ?? '';
  page.notice.dataset.visible = String(Boolean(text));
  if (text && offerContinue) {
    page.notice.append(' ', hint(current.view.edits
      ? 'What was shown is kept: correct the fields if you like, then press Continue to go on from them.'
      : 'What was shown is kept: press Continue to go on from it.'));
  }
}

function hint(text) {
  const span = document.createElement('span');
  span.className = 'hint';
  span.textContent = text;
  return span;
}

function errorText(event) {
  return `${event.message}${event.retryable ? '' : ' (asking again will not help)'}`;
}

function failureText(error) {
  if (!error) return 'The stream ended without a result.';
  if (error.problem) return `${error.problem.title ?? 'The request was refused'}${error.problem.detail ? `: ${error.problem.detail}` : ''}`;
  return error.message ?? String(error);
}
