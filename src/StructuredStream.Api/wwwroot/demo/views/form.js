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

function lock(field, control, locked) {
  // Checkboxes and selects ignore readonly: they are disabled instead.
  if (field.kind === 'checkbox' || field.kind === 'choice') control.disabled = locked;
  else control.readOnly = locked;
}

function write(field, control, value) {
  switch (field.kind) {
    case 'checkbox':
      if (control.checked !== (value === true)) control.checked = value === true;
      break;
    case 'list':
      setValue(control, Array.isArray(value) ? value.join(', ') : '');
      break;
    default:
      setValue(control, value === undefined || value === null ? '' : String(value));
  }
}
