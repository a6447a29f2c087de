import { useEffect } from 'react';
import { INVARIANT_DESCRIPTIONS } from '../../domain/invariants';
import type { SimResult } from '../../sim';
import { useEditorStore } from '../../store/editorStore';
import { clearHighlight, highlightPath } from '../../store/runPlayback';
import { isTraced, useRunStore } from '../../store/runStore';
import { describeActions } from '../../domain/temporalActions';

/** One row per invariant with its verdict and count; "Explain" shows a violating message's path. */
export function ResultsView({ result }: { result: SimResult }) {
  const explained = useRunStore((s) => s.explained);
  const traceError = useRunStore((s) => s.traceError);
  const explain = (invariant: string, example: number) => useRunStore.getState().explain(invariant, example);
  const close = () => useRunStore.getState().closeExplain();
  const board = useEditorStore((s) => s.board);
  const example = explained
    ? result.invariants.find((i) => i.id === explained.invariant)?.examples[explained.example]
    : undefined;

  // The worker posts the verdicts first; the examples' paths are traced when one is first explained.
  const traced = isTraced(result);
  useEffect(() => {
    if (example && !traced) useRunStore.getState().tracePaths();
  }, [example, traced]);

  useEffect(() => {
    if (example) {
      highlightPath(example.path);
      document.querySelector('.fl-explain')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    } else clearHighlight();
  }, [example]);
  useEffect(() => () => clearHighlight(), []);

  const name = (id: string) => board.nodes.find((n) => n.id === id)?.label ?? id;
  const held = result.invariants.filter((i) => i.holds).length;
  return (
    <div className="fl-results">
      <h3>
        Invariants{' '}
        <span className="fl-muted">
          {held} of {result.invariants.length} held · seed {result.seed} · trace{' '}
          {result.traceHash.slice(0, 10)}
        </span>
      </h3>
      <table className="fl-table" aria-label="Invariant results">
        <thead>
          <tr>
            <th scope="col">Invariant</th>
            <th scope="col">Verdict</th>
            <th scope="col">Count (seed {result.seed})</th>
            <th scope="col">
              <span className="fl-sr-only">Explain</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {result.invariants.map((inv) => (
            <tr key={inv.id} className={inv.holds ? 'is-held' : 'is-violated'}>
              <td>
                <code>{inv.id}</code>
                <div className="fl-inv-meaning">{INVARIANT_DESCRIPTIONS[inv.id]}</div>
                {!inv.holds && <div className="fl-muted">{inv.summary}</div>}
              </td>
              <td>
                {inv.inconclusive ? (
                  <span className="fl-muted">inconclusive</span>
                ) : inv.holds ? (
                  <span className="fl-ok">held</span>
                ) : (
                  <span className="fl-bad">VIOLATED</span>
                )}
              </td>
              <td>{inv.count.toLocaleString()}</td>
              <td>
                {!inv.holds && inv.examples.length > 0 && (
                  <button
                    type="button"
                    className="fl-btn fl-btn-small"
                    aria-label={`Explain ${inv.id}`}
                    onClick={() => explain(inv.id, 0)}
                  >
                    Explain
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.temporalActions && (
        <p className="fl-muted" data-testid="temporal-actions">
          {describeActions(result.temporalActions)} — what this run would be billed.
        </p>
      )}
      {example && explained && (
        <div className="fl-explain" role="region" aria-label="Explanation">
          <div className="fl-row">
            <h4>Message {example.messageId}</h4>
            <button type="button" className="fl-btn fl-btn-small" onClick={close}>
              Close
            </button>
          </div>
          <p>{example.detail}</p>
          {!traced && (
            <p className="fl-muted" role="status">
              {traceError
                ? `The path could not be traced: ${traceError}`
                : `Tracing the path of ${example.messageId} (the run once more, recording its hops)…`}
            </p>
          )}
          <ol className="fl-path">
            {example.path.map((p, i) => (
              <li key={i}>
                <span className="fl-muted">{(p.tMs / 1000).toFixed(3)} s</span>{' '}
                <strong>{name(p.nodeId)}</strong> — {p.action}
                {p.faults.length > 0 && <span className="fl-fault-tag"> ⚡ {p.faults.join(', ')}</span>}
              </li>
            ))}
          </ol>
          {(() => {
            const inv = result.invariants.find((i) => i.id === explained.invariant)!;
            return (
              inv.examples.length > 1 && (
                <div className="fl-row">
                  {inv.examples.map((ex, i) => (
                    <button
                      key={ex.messageId}
                      type="button"
                      className="fl-btn fl-btn-small"
                      aria-pressed={i === explained.example}
                      onClick={() => explain(inv.id, i)}
                    >
                      #{i + 1}
                    </button>
                  ))}
                </div>
              )
            );
          })()}
        </div>
      )}
    </div>
  );
}
