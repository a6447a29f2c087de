/**
 * Returns an id not in `taken`, of the form `<prefix><n>`, and records it.
 * @example createUniqueId('q', new Set(['q1'])) // 'q2'
 */
export function createUniqueId(prefix: string, taken: Set<string>): string {
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n++;
  const id = `${prefix}${n}`;
  taken.add(id);
  return id;
}

/** Keys that would reach Object.prototype when assigned; always skipped when copying user data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The message of anything thrown: an Error's (or an error-like object's, e.g. one cloned across a
 * worker boundary) `message`, else the value as text.
 * @example errorMessage(new Error('boom')) // 'boom'; errorMessage('boom') // 'boom'
 */
export function errorMessage(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null && 'message' in thrown) {
    if (typeof thrown.message === 'string') return thrown.message;
  }
  return String(thrown);
}
