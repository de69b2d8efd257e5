// Drives the demo page the way a person does: pick a view, a model behaviour and a speed, press the buttons, and read
// what the page shows. The stream's id comes from the response header, to ask the service what it holds.
export async function openDemo(context, baseUrl) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('console', message => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  const streamIds = [];
  page.on('response', response => {
    const id = response.headers()['x-stream-id'];
    if (id) streamIds.push(id);
  });
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('#view .form-view');
  // Every state the page passes through, with its text, however briefly it shows.
  await page.evaluate(() => {
    window.__states = [];
    const state = document.getElementById('state');
    const record = () => {
      const text = document.getElementById('phase').textContent;
      const last = window.__states.at(-1);
      if (!last || last.phase !== state.dataset.phase || last.text !== text) window.__states.push({ phase: state.dataset.phase, text });
    };
    new MutationObserver(record).observe(state, { attributes: true, childList: true, subtree: true, characterData: true });
  });
  return { page, problems, streamIds };
}

export async function choose(page, { view, scenario = 'none', speed = '200' }) {
  if (view) await page.click(`[role="tab"][data-view="${view}"]`);
  await page.selectOption('#scenario', scenario);
  await page.selectOption('#speed', speed);
}

export async function waitForPhase(page, phase, timeout = 30_000) {
  await page.waitForSelector(`#state[data-phase="${phase}"]`, { timeout });
}

export async function waitForEnd(page, timeout = 60_000) {
  await page.waitForSelector('#state[data-phase="completed"], #state[data-phase="ended"]', { timeout });
}

/** The form view's fields as the page shows them. */
export async function formValues(page) {
  return page.$$eval('.form-view .field', rows => Object.fromEntries(rows.map(row => {
    const control = row.querySelector('input, select, textarea');
    return [row.dataset.key, control.type === 'checkbox' ? control.checked : control.value];
  })));
}

/** The same fields as the form view writes them from an object. */
export function formValuesOf(object) {
  const text = v => (v === undefined || v === null ? '' : String(v));
  return {
    fullName: text(object.fullName), email: text(object.email), birthDate: text(object.birthDate), country: text(object.country),
    plan: text(object.plan), seats: text(object.seats), interests: (object.interests ?? []).join(', '),
    acceptsTerms: object.acceptsTerms === true, notes: text(object.notes),
  };
}

export async function streamState(baseUrl, id) {
  const response = await fetch(`${baseUrl}/v1/streams/${id}`);
  if (!response.ok) throw new Error(`GET /v1/streams/${id} answered ${response.status}`);
  return response.json();
}

/** The states the page showed since it opened: [{ phase, text }]. */
export async function statesShown(page) {
  return page.evaluate(() => window.__states);
}
