/**
 * A config field is declared once as data; the validator, the defaults and the inspector's form
 * are all derived from it, so the three can never disagree (docs/conventions.md#code-habits: a persisted type lives with
 * its validator and defaults). Each field's help text lives in catalogHelp.ts, which only the inspector
 * loads: the first paint needs the fields, not their explanations.
 */
export type ConfigField = NumberField | BooleanField | EnumField;

/* Each field keeps its key (and an enum its options) as literal types, so that the catalog's
 * definitions give every kind a typed config (`ConfigKey`, `KindConfigValue` in catalog.ts). */
export interface NumberField<K extends string = string> {
  key: K;
  type: 'number';
  default: number;
  min: number;
  max: number;
  integer: boolean;
  unit?: 'ms' | 'per-sec' | 'ratio' | 'count' | undefined;
  label: string;
}
export interface BooleanField<K extends string = string> {
  key: K;
  type: 'boolean';
  default: boolean;
  label: string;
}
export interface EnumField<K extends string = string, O extends string = string> {
  key: K;
  type: 'enum';
  options: readonly O[];
  default: O;
  label: string;
}

/** The type of a field's value: number, boolean, or the union of an enum's options. */
export type FieldValue<F> = F extends { type: 'number' }
  ? number
  : F extends { type: 'boolean' }
    ? boolean
    : F extends EnumField<string, infer O>
      ? O
      : never;

export function num<const K extends string>(
  key: K,
  label: string,
  def: number,
  opts: { min?: number; max?: number; integer?: boolean; unit?: 'ms' | 'per-sec' | 'ratio' | 'count' } = {},
): NumberField<K> {
  return {
    key,
    type: 'number',
    default: def,
    min: opts.min ?? 0,
    max: opts.max ?? Number.MAX_SAFE_INTEGER,
    integer: opts.integer ?? true,
    unit: opts.unit,
    label,
  };
}

export function bool<const K extends string>(key: K, label: string, def: boolean): BooleanField<K> {
  return { key, type: 'boolean', default: def, label };
}

export function oneOf<const K extends string, const O extends string>(
  key: K,
  label: string,
  options: readonly [O, ...O[]],
): EnumField<K, O> {
  return { key, type: 'enum', options, default: options[0], label };
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
