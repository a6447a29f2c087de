/**
 * A config field is declared once as data; the validator, the defaults and the inspector's form
 * are all derived from it, so the three can never disagree (docs/conventions.md#code-habits: a persisted type lives with
 * its validator and defaults).
 */
export type ConfigField =
  | {
      key: string;
      type: 'number';
      default: number;
      min: number;
      max: number;
      integer: boolean;
      unit?: 'ms' | 'per-sec' | 'ratio' | 'count' | undefined;
      label: string;
      help: string;
    }
  | { key: string; type: 'boolean'; default: boolean; label: string; help: string }
  | { key: string; type: 'enum'; options: readonly string[]; default: string; label: string; help: string };

export function num(
  key: string,
  label: string,
  def: number,
  help: string,
  opts: { min?: number; max?: number; integer?: boolean; unit?: 'ms' | 'per-sec' | 'ratio' | 'count' } = {},
): ConfigField {
  return {
    key,
    type: 'number',
    default: def,
    min: opts.min ?? 0,
    max: opts.max ?? Number.MAX_SAFE_INTEGER,
    integer: opts.integer ?? true,
    unit: opts.unit,
    label,
    help,
  };
}

export function bool(key: string, label: string, def: boolean, help: string): ConfigField {
  return { key, type: 'boolean', default: def, label, help };
}

export function oneOf(key: string, label: string, options: readonly string[], help: string): ConfigField {
  return { key, type: 'enum', options, default: options[0]!, label, help };
}

/** Checks one value against its field; returns a message a user understands, or null when valid. */
export function checkFieldValue(field: ConfigField, value: unknown): string | null {
  // Written by hand rather than with zod: this runs in the first bundle, on every keystroke.
  switch (field.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      if (field.integer && !Number.isInteger(value)) return 'expected a whole number';
      if (value < field.min) return `expected a number ≥ ${field.min}`;
      if (value > field.max) return `expected a number ≤ ${field.max}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'enum':
      return typeof value === 'string' && field.options.includes(value)
        ? null
        : `expected one of ${field.options.join(', ')}`;
  }
}
