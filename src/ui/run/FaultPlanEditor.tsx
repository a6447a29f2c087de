import { useMemo, useState } from 'react';
import { FAULT_KINDS, getDisplayName, type Board, type FaultKind } from '../../domain';
import { useEditorStore } from '../../store/editorStore';
import { useRunStore } from '../../store/runStore';
import { createFault, estimateRunMs, FAULT_PRESETS } from './faultPresets';

type NumKey = 'fromMs' | 'toMs' | 'rate' | 'delayMs' | 'atMs' | 'downMs' | 'skewMs' | 'windowMs';

const FIELDS: Record<FaultKind, { key: NumKey; label: string; optional?: boolean }[]> = {
  duplicate: [
    { key: 'rate', label: 'Rate' },
    { key: 'fromMs', label: 'From (ms)' },
    { key: 'toMs', label: 'To (ms)', optional: true },
  ],
  late: [
    { key: 'rate', label: 'Rate' },
    { key: 'delayMs', label: 'Delay (ms)' },
    { key: 'fromMs', label: 'From (ms)' },
    { key: 'toMs', label: 'To (ms)', optional: true },
  ],
  reorder: [
    { key: 'rate', label: 'Rate' },
    { key: 'windowMs', label: 'Window (ms)' },
    { key: 'fromMs', label: 'From (ms)' },
    { key: 'toMs', label: 'To (ms)', optional: true },
  ],
  crash: [
    { key: 'atMs', label: 'At (ms)' },
    { key: 'downMs', label: 'Down for (ms)' },
  ],
  timeout: [
    { key: 'rate', label: 'Rate' },
    { key: 'fromMs', label: 'From (ms)' },
    { key: 'toMs', label: 'To (ms)', optional: true },
  ],
  outage: [
    { key: 'fromMs', label: 'From (ms)' },
    { key: 'toMs', label: 'To (ms)', optional: true },
  ],
  partition: [
    { key: 'fromMs', label: 'From (ms)' },
    { key: 'toMs', label: 'To (ms)', optional: true },
  ],
  poison: [
    { key: 'rate', label: 'Rate' },
    { key: 'fromMs', label: 'From (ms)' },
    { key: 'toMs', label: 'To (ms)', optional: true },
  ],
  'clock-skew': [
    { key: 'skewMs', label: 'Skew (ms)' },
    { key: 'fromMs', label: 'From (ms)' },
    { key: 'toMs', label: 'To (ms)', optional: true },
  ],
  deploy: [{ key: 'atMs', label: 'At (ms)' }],
};

/** Targets a fault may take on this board: everywhere, a kind present, a component, a connection. */
function targetOptions(board: Board): { value: string; label: string }[] {
  const kinds = [...new Set(board.nodes.map((n) => n.kind))];
  return [
    { value: '*', label: 'Everywhere (*)' },
    ...kinds.map((k) => ({ value: `kind:${k}`, label: `Every ${getDisplayName(k)}` })),
    ...regionPairs(board).map(([a, b]) => ({
      value: `region:${a}|${b}`,
      label: `Between regions ${a} and ${b}`,
    })),
    ...board.nodes.map((n) => ({ value: n.id, label: `${n.label} (${n.id})` })),
    ...board.edges.map((e) => {
      const name = (id: string) => board.nodes.find((n) => n.id === id)?.label ?? id;
      return { value: e.id, label: `${name(e.source)} → ${name(e.target)}` };
    }),
  ];
}

/** Every pair of regions on the board (a region partition's target). */
function regionPairs(board: Board): [string, string][] {
  const regions = [...new Set(board.nodes.flatMap((n) => (n.region ? [n.region] : [])))].sort();
  return regions.flatMap((a, i) => regions.slice(i + 1).map((b): [string, string] => [a, b]));
}

/** Edits the fault plan: presets, add/remove faults, target, window, rate and kind-specific values. */
export function FaultPlanEditor() {
  const board = useEditorStore((s) => s.board);
  const faults = useRunStore((s) => s.faultPlan.faults);
  const events = useRunStore((s) => s.events);
  const setFaults = useRunStore((s) => s.setFaults);
  const runMs = estimateRunMs(board, events);
  const targets = useMemo(() => targetOptions(board), [board]);

  const update = (i: number, patch: Record<string, unknown>) =>
    setFaults(faults.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="fl-fieldset" aria-label="Fault plan">
      <legend>Faults</legend>
      <div className="fl-row">
        <label className="fl-sr" htmlFor="preset">
          Add a preset
        </label>
        <select
          id="preset"
          className="fl-input"
          value=""
          onChange={(e) => {
            const p = FAULT_PRESETS.find((x) => x.id === e.target.value);
            if (p) setFaults([...faults, ...p.build(board, runMs)]);
          }}
        >
          <option value="">Add a preset…</option>
          {FAULT_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <label className="fl-sr" htmlFor="add-fault">
          Add a fault
        </label>
        <select
          id="add-fault"
          className="fl-input"
          value=""
          onChange={(e) => {
            if (e.target.value) setFaults([...faults, createFault(e.target.value as FaultKind, runMs)]);
          }}
        >
          <option value="">Add a fault…</option>
          {FAULT_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      {faults.length === 0 && (
        <p className="fl-muted">
          No faults: the run shows the happy path. Add a preset to stress the design.
        </p>
      )}
      <ol className="fl-fault-list">
        {faults.map((f, i) => (
          <li key={i} className="fl-fault" aria-label={`Fault ${i + 1}: ${f.kind}`}>
            <div className="fl-row">
              <strong>{f.kind}</strong>
              <select
                className="fl-input"
                aria-label={`Fault ${i + 1} target`}
                value={f.target}
                onChange={(e) => update(i, { target: e.target.value })}
              >
                {!targets.some((t) => t.value === f.target) && (
                  <option value={f.target}>{f.target} (not on this board)</option>
                )}
                {targets.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="fl-btn fl-btn-small"
                aria-label={`Remove fault ${i + 1}`}
                onClick={() => setFaults(faults.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
            <div className="fl-fault-fields">
              {FIELDS[f.kind].map(({ key, label, optional }) => (
                <NumberField
                  key={key}
                  label={label}
                  aria={`Fault ${i + 1} ${label}`}
                  value={(f as Record<string, unknown>)[key] as number | undefined}
                  optional={optional}
                  min={key === 'skewMs' ? -86_400_000 : 0}
                  max={key === 'rate' ? 1 : 10 ** 12}
                  integer={key !== 'rate'}
                  onChange={(v) => update(i, { [key]: v })}
                />
              ))}
              {f.kind === 'crash' && (
                <label className="fl-check">
                  <input
                    type="checkbox"
                    checked={f.point === 'after-side-effect'}
                    onChange={(e) => update(i, { point: e.target.checked ? 'after-side-effect' : 'any' })}
                  />
                  after the side effect
                </label>
              )}
              {f.kind === 'deploy' && (
                <label className="fl-check">
                  <input
                    type="checkbox"
                    checked={f.change === 'breaking'}
                    onChange={(e) => update(i, { change: e.target.checked ? 'breaking' : 'compatible' })}
                  />
                  breaking change
                </label>
              )}
            </div>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

function NumberField({
  label,
  aria,
  value,
  optional,
  min,
  max,
  integer,
  onChange,
}: {
  label: string;
  aria: string;
  value: number | undefined;
  optional?: boolean | undefined;
  min: number;
  max: number;
  integer: boolean;
  onChange: (v: number | undefined) => void;
}) {
  // What is typed, kept while it is being typed (even when not yet valid). A value that changes from
  // outside (a fault removed above this one, another board's plan) replaces it, during render.
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value === undefined ? '' : String(value));
  }
  const read = (text: string): number | undefined | null => {
    const v = text.trim();
    if (v === '') return optional ? undefined : null;
    const n = Number(v);
    return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : null;
  };
  const parsed = read(draft);
  return (
    <label className="fl-mini-field">
      <span>{label}</span>
      <input
        className="fl-input"
        aria-label={aria}
        inputMode="decimal"
        value={draft}
        placeholder={optional ? 'end' : ''}
        {...(parsed === undefined ? {} : { 'aria-invalid': parsed === null })}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = read(e.target.value);
          if (v === null) return;
          setShown(v);
          onChange(v);
        }}
      />
    </label>
  );
}
