import { z } from 'zod';

/**
 * A config field is declared once as data; the zod schema, the defaults and the inspector's form
 * are all derived from it, so the three can never disagree (style.md: a persisted type lives with
 * its validator and defaults).
 */
export type ConfigField =
  | { key: string; type: 'number'; default: number; min: number; max: number; integer: boolean; unit?: 'ms' | 'per-sec' | 'ratio' | 'count'; label: string; help: string }
  | { key: string; type: 'boolean'; default: boolean; label: string; help: string }
  | { key: string; type: 'enum'; options: readonly string[]; default: string; label: string; help: string };

export function num(
  key: string, label: string, def: number, help: string,
  opts: { min?: number; max?: number; integer?: boolean; unit?: 'ms' | 'per-sec' | 'ratio' | 'count' } = {},
): ConfigField {
  return { key, type: 'number', default: def, min: opts.min ?? 0, max: opts.max ?? Number.MAX_SAFE_INTEGER, integer: opts.integer ?? true, unit: opts.unit, label, help };
}

export function bool(key: string, label: string, def: boolean, help: string): ConfigField {
  return { key, type: 'boolean', default: def, label, help };
}

export function oneOf(key: string, label: string, options: readonly string[], help: string): ConfigField {
  return { key, type: 'enum', options, default: options[0]!, label, help };
}

/** The zod schema of a single field's value. Numbers reject NaN and Infinity (zod does by default). */
export function fieldSchema(field: ConfigField): z.ZodType<unknown> {
  switch (field.type) {
    case 'number': {
      let s = z.number().min(field.min).max(field.max);
      if (field.integer) s = s.int();
      return s;
    }
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z.enum(field.options as [string, ...string[]]);
  }
}

/** Checks one value against its field; returns a message a user understands, or null when valid. */
export function checkFieldValue(field: ConfigField, value: unknown): string | null {
  const r = fieldSchema(field).safeParse(value);
  if (r.success) return null;
  switch (field.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      if (field.integer && !Number.isInteger(value)) return 'expected a whole number';
      if (value < field.min) return `expected a number ≥ ${field.min}`;
      return `expected a number ≤ ${field.max}`;
    case 'boolean':
      return 'expected true or false';
    case 'enum':
      return `expected one of ${field.options.join(', ')}`;
  }
}
