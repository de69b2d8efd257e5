// The JSON Canonicalization Scheme (RFC 8785), the form the service hashes for `final.checksum`.

/**
 * The canonical JSON text of a value: members sorted by the UTF-16 code units of their names, no whitespace,
 * numbers in ECMAScript form, strings with the fewest escapes.
 * @throws RangeError for a number that is not finite (it has no JCS form), and TypeError for a value that is not
 * JSON (undefined, a function, a bigint …).
 */
export function canonicalize(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join('');
}

/** Whether a JSON value holds a number that is not finite (what JSON.parse makes of 1E400): it has no JCS form. */
export function hasNonFiniteNumber(value: unknown): boolean {
  if (typeof value === 'number') {
    return !Number.isFinite(value);
  }

  if (value === null || typeof value !== 'object') {
    return false;
  }

  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) {
    if (hasNonFiniteNumber(item)) {
      return true;
    }
  }

  return false;
}

function write(value: unknown, parts: string[]): void {
  switch (typeof value) {
    case 'string':
      parts.push(quote(value));
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new RangeError(`${value} has no canonical JSON form (RFC 8785 section 3.2.2.3).`);
      }

      // Spec: RFC 8785 section 3.2.2.3, numbers are serialized as ECMAScript's Number.prototype.toString does
      // (which also writes -0 as 0).
      parts.push(String(value));
      return;
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return;
    case 'object':
      if (value === null) {
        parts.push('null');
      } else if (Array.isArray(value)) {
        parts.push('[');
        for (let i = 0; i < value.length; i++) {
          if (i > 0) {
            parts.push(',');
          }

          write(value[i], parts);
        }

        parts.push(']');
      } else {
        // Spec: RFC 8785 section 3.2.3, members sorted by their names as arrays of UTF-16 code units; that is
        // what the default sort compares.
        const keys = Object.keys(value).sort();
        parts.push('{');
        for (let i = 0; i < keys.length; i++) {
          if (i > 0) {
            parts.push(',');
          }

          parts.push(quote(keys[i]!), ':');
          write((value as Record<string, unknown>)[keys[i]!], parts);
        }

        parts.push('}');
      }

      return;
    default:
      throw new TypeError(`A ${typeof value} is not a JSON value.`);
  }
}

const shortEscapes: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

/**
 * Spec: RFC 8785 section 3.2.2.2, only '"', '\' and the controls below U+0020 are escaped, with the short forms JSON
 * has and otherwise \u00xx in lowercase hex; everything else is written as it is (UTF-8 after encoding).
 */
function quote(text: string): string {
  let out = '"';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
      continue;
    }

    out += text.slice(runStart, i) + (shortEscapes[c] ?? '\\u00' + c.toString(16).padStart(2, '0'));
    runStart = i + 1;
  }

  return out + text.slice(runStart) + '"';
}
