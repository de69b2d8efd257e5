import type { PatchOperation } from './protocol.js';
/**
 * Applies `ops` in order to `document` and returns the new root. `document` is left unchanged, also when an op
 * fails (Spec: RFC 6902 section 5, "If a normative requirement is violated … evaluation of the patch document
 * SHOULD terminate and application of the entire patch document SHALL NOT be deemed successful").
 * @throws PatchError with the index of the failing op and the reason.
 */
export declare function applyPatch(document: unknown, ops: readonly PatchOperation[]): unknown;
