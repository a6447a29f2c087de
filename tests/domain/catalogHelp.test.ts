import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/domain';
import { FIELD_HELP, fieldHelp } from '../../src/domain/catalogHelp';

describe('catalog help texts', () => {
  it('every field of every kind has its help text, and no text is left over', () => {
    for (const def of CATALOG) {
      for (const f of def.fields) expect(fieldHelp(def.kind, f.key), `${def.kind}.${f.key}`).not.toBe('');
      expect(Object.keys(FIELD_HELP[def.kind]).sort()).toEqual(def.fields.map((f) => f.key).sort());
    }
    expect(Object.keys(FIELD_HELP).sort()).toEqual(CATALOG.map((d) => d.kind).sort());
  });

  it('an unknown kind or key has no help, including inherited property names', () => {
    expect(fieldHelp('no-such-kind', 'retries')).toBe('');
    expect(fieldHelp('worker', 'no-such-key')).toBe('');
    expect(fieldHelp('constructor', 'toString')).toBe('');
    expect(fieldHelp('worker', 'toString')).toBe('');
  });
});
