// JSON Patch (RFC 6902) plus `append`, applied copy-on-write: the document passed in is never changed, the new root
// shares every subtree the patch did not touch (so UI frameworks can skip unchanged parts by identity), and a
// container copied once in a patch is changed in place by the patch's later ops (a patch of n ops on one array
// copies it once, not n times).
import { PatchError, PointerError } from './errors.js';
import { jsonEqual } from './json-equal.js';
import { arrayIndex, formatPointer, isAtOrBelow, parsePointer, valueAtTokens } from './pointer.js';
import type { PatchOperation } from './protocol.js';

type Container = unknown[] | Record<string, unknown>;

/** Why one operation failed; `applyPatch` turns it into a `PatchError` carrying the op's index. */
class OperationFailure extends Error {}

/**
 * Applies `ops` in order to `document` and returns the new root. `document` is left unchanged, also when an op
 * fails (Spec: RFC 6902 section 5, "If a normative requirement is violated … evaluation of the patch document
 * SHOULD terminate and application of the entire patch document SHALL NOT be deemed successful").
 * @throws PatchError with the index of the failing op and the reason.
 */
export function applyPatch(document: unknown, ops: readonly PatchOperation[]): unknown {
  if (!Array.isArray(ops)) {
    throw new PatchError(0, 'the patch is not an array of operations');
  }

  const fresh = new Set<object>();
  let root = document;
  for (let index = 0; index < ops.length; index++) {
    try {
      root = applyOperation(root, ops[index], fresh);
    } catch (e) {
      if (e instanceof OperationFailure || e instanceof PointerError) {
        throw new PatchError(index, e.message);
      }

      throw e;
    }
  }

  return root;
}

function applyOperation(root: unknown, op: unknown, fresh: Set<object>): unknown {
  if (op === null || typeof op !== 'object' || Array.isArray(op)) {
    throw new OperationFailure('the operation is not an object');
  }

  const { op: name, path } = op as Partial<PatchOperation>;
  if (typeof path !== 'string') {
    throw new OperationFailure(`'path' is missing or not a string`);
  }

  const tokens = parsePointer(path);
  switch (name) {
    case 'add':
      return add(root, tokens, valueOf(op), fresh);
    case 'remove':
      return remove(root, tokens, fresh).root;
    case 'replace': {
      const value = valueOf(op);
      return tokens.length === 0 ? value : modify(root, tokens, fresh, (parent, key) => {
        requireMember(parent, key, () => path);
        setMember(parent, key, value);
      });
    }
    case 'move': {
      const from = fromOf(op);
      if (from === path) {
        // Onto itself: nothing moves, but the value must be there. (Removing it first would lose it from a container
        // this patch already copied, which is changed in place.)
        valueAt(root, tokens, path);
        return root;
      }

      // Spec: RFC 6902 section 4.4, "The 'from' location MUST NOT be a proper prefix of the 'path' location".
      if (isAtOrBelow(path, from)) {
        throw new OperationFailure(`cannot move '${from}' into its own child '${path}'`);
      }

      const taken = remove(root, parsePointer(from), fresh);
      return add(taken.root, tokens, taken.value, fresh);
    }
    case 'copy': {
      const from = fromOf(op);
      // A copy shares nothing with its source, so later ops on one never show through the other.
      return add(root, tokens, cloneJson(valueAt(root, parsePointer(from), from)), fresh);
    }
    case 'test': {
      const value = valueOf(op);
      if (!jsonEqual(valueAt(root, tokens, path), value)) {
        throw new OperationFailure(`test failed: the value at '${path}' differs`);
      }

      return root;
    }
    case 'append': {
      const value = valueOf(op);
      if (typeof value !== 'string') {
        throw new OperationFailure(`append needs a string value`);
      }

      if (tokens.length === 0) {
        if (typeof root !== 'string') {
          throw new OperationFailure(`append needs a string at '', not ${kindOf(root)}`);
        }

        return root + value;
      }

      return modify(root, tokens, fresh, (parent, key) => {
        const current = requireMember(parent, key, () => path);
        if (typeof current !== 'string') {
          throw new OperationFailure(`append needs a string at '${path}', not ${kindOf(current)}`);
        }

        setMember(parent, key, current + value);
      });
    }
    default:
      throw new OperationFailure(`unknown op '${String(name)}'`);
  }
}

function add(root: unknown, tokens: string[], value: unknown, fresh: Set<object>): unknown {
  if (tokens.length === 0) {
    return value;
  }

  return modify(root, tokens, fresh, (parent, key) => {
    if (Array.isArray(parent)) {
      // Spec: RFC 6902 section 4.1, "The specified index MUST NOT be greater than the number of elements in the
      // array"; "-" appends.
      const index = key === '-' ? parent.length : arrayIndex(key);
      if (index < 0 || index > parent.length) {
        throw new OperationFailure(`index '${key}' is out of bounds (the array has ${parent.length} elements)`);
      }

      parent.splice(index, 0, value);
    } else {
      setMember(parent, key, value);
    }
  });
}

function remove(root: unknown, tokens: string[], fresh: Set<object>): { root: unknown; value: unknown } {
  if (tokens.length === 0) {
    // Removing the whole document leaves nothing: this client's "nothing" is undefined, as before the first patch.
    return { root: undefined, value: root };
  }

  let value: unknown;
  const newRoot = modify(root, tokens, fresh, (parent, key) => {
    value = requireMember(parent, key, () => formatPointer(tokens));
    if (Array.isArray(parent)) {
      parent.splice(arrayIndex(key), 1);
    } else {
      delete parent[key];
    }
  });
  return { root: newRoot, value };
}

/**
 * Copies the containers from the root down to the parent of the last token (those not already copied in this
 * patch), then lets `change` edit that parent in place.
 */
function modify(root: unknown, tokens: string[], fresh: Set<object>, change: (parent: Container, key: string) => void): unknown {
  const newRoot = own(root, fresh, () => '');
  let parent = newRoot;
  for (let i = 0; i < tokens.length - 1; i++) {
    const key = tokens[i]!;
    const at = (): string => formatPointer(tokens.slice(0, i + 1));
    const child = own(requireMember(parent, key, at), fresh, at);
    setMember(parent, key, child);
    parent = child;
  }

  change(parent, tokens[tokens.length - 1]!);
  return newRoot;
}

/** `value` if this patch already copied it, else a shallow copy of it, which later ops may change in place. */
function own(value: unknown, fresh: Set<object>, pointer: () => string): Container {
  if (value === null || typeof value !== 'object') {
    throw new OperationFailure(`the value at '${pointer()}' is ${kindOf(value)}, not an object or array`);
  }

  if (fresh.has(value)) {
    return value as Container;
  }

  const copy: Container = Array.isArray(value) ? value.slice() : { ...(value as Record<string, unknown>) };
  fresh.add(copy);
  return copy;
}

/** The member or element `key` of `parent`; fails when there is none (an inherited 'constructor' is none). */
function requireMember(parent: Container, key: string, pointer: () => string): unknown {
  if (Array.isArray(parent)) {
    const index = arrayIndex(key);
    if (index < 0 || index >= parent.length) {
      throw new OperationFailure(`there is no element at '${pointer()}' (the array has ${parent.length} elements)`);
    }

    return parent[index];
  }

  if (!Object.hasOwn(parent, key)) {
    throw new OperationFailure(`there is no member at '${pointer()}'`);
  }

  return parent[key];
}

/** Sets a member or an existing element; '__proto__' becomes an own member, never the prototype. */
function setMember(parent: Container, key: string, value: unknown): void {
  if (Array.isArray(parent)) {
    parent[arrayIndex(key)] = value;
  } else if (key === '__proto__') {
    Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    parent[key] = value;
  }
}

function valueAt(root: unknown, tokens: string[], pointer: string): unknown {
  const value = valueAtTokens(root, tokens);
  if (value === undefined) {
    throw new OperationFailure(`there is no value at '${pointer}'`);
  }

  return value;
}

function valueOf(op: object): unknown {
  if (!Object.hasOwn(op, 'value')) {
    throw new OperationFailure(`'value' is missing`);
  }

  return (op as { value: unknown }).value;
}

function fromOf(op: object): string {
  const from = (op as { from?: unknown }).from;
  if (typeof from !== 'string') {
    throw new OperationFailure(`'from' is missing or not a string`);
  }

  return from;
}

function cloneJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }

  if (Array.isArray(value)) {
    return value.map(cloneJson);
  }

  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    setMember(copy, key, cloneJson((value as Record<string, unknown>)[key]));
  }

  return copy;
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
