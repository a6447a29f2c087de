import { useId, useState } from 'react';
import { checkFieldValue, type ConfigField, type ConfigValue } from '../../domain';
import { fieldHelp } from '../../domain/catalogHelp';

/**
 * A form generated from a kind's config fields, each with its help text (domain/catalogHelp.ts). A bad
 * value shows an inline message and is never written to the document; the last valid value stays in force.
 */
export function ConfigForm({
  kind,
  fields,
  config,
  onChange,
}: {
  kind: string;
  fields: readonly ConfigField[];
  config: Record<string, ConfigValue>;
  onChange: (key: string, value: ConfigValue) => void;
}) {
  if (fields.length === 0) return <p className="fl-muted">This component has no settings.</p>;
  return (
    <div className="fl-form">
      {fields.map((f) => (
        <FieldInput
          key={f.key}
          field={f}
          help={fieldHelp(kind, f.key)}
          value={config[f.key] ?? f.default}
          onChange={onChange}
        />
      ))}
    </div>
  );
}

function FieldInput({
  field,
  help,
  value,
  onChange,
}: {
  field: ConfigField;
  help: string;
  value: ConfigValue;
  onChange: (key: string, value: ConfigValue) => void;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errId = `${id}-err`;
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  // Undo/redo or another selection changes the value under us: show it (during render, no effect).
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setDraft(String(value));
    setError(null);
  }

  if (field.type === 'boolean') {
    return (
      <div className="fl-field fl-field-check">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(field.key, e.target.checked)}
          aria-describedby={helpId}
        />
        <label htmlFor={id}>{field.label}</label>
        <small id={helpId} className="fl-muted">
          {help}
        </small>
      </div>
    );
  }
  if (field.type === 'enum') {
    return (
      <div className="fl-field">
        <label htmlFor={id}>{field.label}</label>
        <select
          id={id}
          className="fl-input"
          value={String(value)}
          onChange={(e) => onChange(field.key, e.target.value)}
          aria-describedby={helpId}
        >
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <small id={helpId} className="fl-muted">
          {help}
        </small>
      </div>
    );
  }
  const commit = (text: string) => {
    setDraft(text);
    const n = text.trim() === '' ? NaN : Number(text);
    const problem = checkFieldValue(field, n);
    setError(problem);
    if (!problem && n !== value) onChange(field.key, n);
  };
  return (
    <div className="fl-field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        className="fl-input"
        type="text"
        inputMode="decimal"
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errId} ${helpId}` : helpId}
        onChange={(e) => commit(e.target.value)}
        onBlur={() => {
          if (error) {
            setDraft(String(value));
            setError(null);
          }
        }}
      />
      {error && (
        <small id={errId} className="fl-field-error" role="status">
          {field.label}: {error}; keeping {String(value)}
        </small>
      )}
      <small id={helpId} className="fl-muted">
        {help}
      </small>
    </div>
  );
}
