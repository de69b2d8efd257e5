// Progressive form (schema signup-form): every field is on the page from the start, fills in as the model writes it,
// and locks with a check when its value is complete. Enum values arrive whole, so the plan never shows half a word.
import { el, setText, setValue, setFlag, member } from '../dom.js';

const fields = [
  { key: 'fullName', label: 'Full name', kind: 'text' },
  { key: 'email', label: 'Email', kind: 'email' },
  { key: 'birthDate', label: 'Birth date', kind: 'date' },
  { key: 'country', label: 'Country (ISO code)', kind: 'text' },
  { key: 'plan', label: 'Plan', kind: 'choice', options: ['free', 'team', 'enterprise'] },
  { key: 'seats', label: 'Seats', kind: 'number' },
  { key: 'interests', label: 'Interests', kind: 'list' },
  { key: 'acceptsTerms', label: 'Accepts the terms', kind: 'checkbox' },
  { key: 'notes', label: 'Notes', kind: 'textarea' },
];

export function createFormView(panel) {
  const rows = new Map();
  let shown;
  const form = el('div', { class: 'form-view' });
  for (const field of fields) {
    const id = `field-${field.key}`;
    const control = controlFor(field, id);
    const check = el('span', { class: 'check', 'aria-hidden': 'true', text: '✓' });
    const state = el('span', { class: 'visually-hidden', text: '' });
    const label = el('label', { for: id, text: field.label });
    const row = el('div', { class: 'field', 'data-key': field.key }, label, control, check, state);
    rows.set(field.key, { field, row, control, state });
    form.append(row);
  }
  panel.replaceChildren(form);

  return {
    reset() {
      for (const { field, row, control, state } of rows.values()) {
        write(field, control, undefined);
        row.className = 'field';
        setText(state, '');
        lock(field, control, true);
      }
    },

    render(object, isComplete, { finished = false } = {}) {
      shown = object;
      for (const { field, row, control, state } of rows.values()) {
        const value = member(object, field.key);
        const complete = value !== undefined && isComplete(`/${field.key}`);
        write(field, control, value);
        setFlag(row, 'filling', value !== undefined && !complete);
        setFlag(row, 'complete', complete);
        setText(state, complete ? '(complete)' : '');
        // While the model writes, its fields are read-only; once the stream is over the form is the user's.
        lock(field, control, !finished);
      }
    },

    /**
     * The object as the reader edited it once the stream stopped, or undefined when nothing was changed: the kept
     * object with the changed fields replaced (new ones at the end), so what the model was writing stays last.
     */
    edits() {
      if (shown === null || typeof shown !== 'object') return undefined;
      const edited = { ...shown };
      let changed = false;
      for (const { field, control } of rows.values()) {
        if (current(field, control) === display(field, member(shown, field.key))) continue;
        changed = true;
        const value = read(field, control);
        if (value === undefined) delete edited[field.key];
        else edited[field.key] = value;
      }
      return changed ? edited : undefined;
    },

    describe(path, object) {
      const key = path.split('/')[1];
      const entry = path.split('/').length === 2 ? rows.get(key) : undefined;
      if (!entry) return path === '' ? 'The form is complete.' : null;
      const value = member(object, key);
      const shown = Array.isArray(value) ? value.join(', ') : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value ?? '');
      return `${entry.field.label}: ${shown}.`;
    },
  };
}

function controlFor(field, id) {
  switch (field.kind) {
    case 'textarea':
      return el('textarea', { id, rows: '3', readonly: '' });
    case 'checkbox':
      return el('input', { id, type: 'checkbox', disabled: '' });
    case 'choice':
      return el('select', { id, disabled: '' }, el('option', { value: '', text: '' }), ...field.options.map(o => el('option', { value: o, text: o })));
    case 'list':
      return el('input', { id, type: 'text', readonly: '' });
    default:
      return el('input', { id, type: field.kind === 'date' ? 'text' : field.kind, readonly: '', ...(field.kind === 'date' ? { inputmode: 'numeric', placeholder: 'yyyy-mm-dd' } : {}) });
  }
}

/** A control's value as the schema's type; undefined for an emptied field. */
function read(field, control) {
  switch (field.kind) {
    case 'checkbox': return control.checked;
    case 'number': return control.value.trim() === '' ? undefined : Number(control.value);
    case 'list': return control.value.split(',').map(v => v.trim()).filter(Boolean);
    default: return control.value === '' ? undefined : control.value;
  }
}

function lock(field, control, locked) {
  // Checkboxes and selects ignore readonly: they are disabled instead.
  if (field.kind === 'checkbox' || field.kind === 'choice') control.disabled = locked;
  else control.readOnly = locked;
}

/** What a control shows for a value: a checkbox's state, or its text. */
function display(field, value) {
  if (field.kind === 'checkbox') return value === true;
  if (field.kind === 'list') return Array.isArray(value) ? value.join(', ') : '';
  return value === undefined || value === null ? '' : String(value);
}

function current(field, control) {
  return field.kind === 'checkbox' ? control.checked : control.value;
}

function write(field, control, value) {
  const shown = display(field, value);
  if (field.kind !== 'checkbox') setValue(control, shown);
  else if (control.checked !== shown) control.checked = shown;
}
