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
