// Small DOM helpers shared by the views: build elements without innerHTML (model text is never markup) and change
// them only when their content really changed, so focus, selection and layout stay put.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

export function setText(node, text) {
  const value = text ?? '';
  if (node.textContent !== value) node.textContent = value;
}

export function setValue(input, value) {
  const text = value ?? '';
  if (input.value !== text) input.value = text;
}

export function setFlag(node, name, on) {
  if (node.classList.contains(name) !== on) node.classList.toggle(name, on);
}

/** The value at a JSON Pointer's first level, or undefined. */
export function member(object, key) {
  return object !== null && typeof object === 'object' ? object[key] : undefined;
}

/** Words of a camelCase or snake_case key, for labels and announcements. */
export function words(key) {
  return String(key).replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ').toLowerCase();
}
