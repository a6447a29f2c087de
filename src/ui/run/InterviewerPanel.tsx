import { useEditorStore } from '../../store/editorStore';
import { useInterviewerStore } from '../../store/interviewerStore';
import { clearHighlight, highlightPath } from '../../store/runPlayback';

/**
 * "Break my design": the adversarial interviewer searches the fair budget for a fault plan that
 * breaks the board, asks it as a question (with the message path Explain would show), loads it
 * into the run panel, and offers single-edit repairs drawn on the canvas as a diff.
 */
export function InterviewerPanel() {
  const s = useInterviewerStore();
  const board = useEditorStore((x) => x.board);
  const revision = useEditorStore((x) => x.revision);
  const stale = s.result !== null && s.revision !== revision;
  const name = (id: string) => board.nodes.find((n) => n.id === id)?.label ?? id;
  const r = s.result;
  return (
    <div className="fl-interviewer">
      <div className="fl-row">
        <button
          type="button"
          className="fl-btn"
          onClick={() => s.breakDesign()}
          disabled={s.status === 'searching'}
        >
          Break my design
        </button>
        {s.status === 'searching' && (
          <button type="button" className="fl-btn" onClick={() => s.cancel()}>
            Stop
          </button>
        )}
      </div>
      {s.status === 'searching' && (
        <p className="fl-muted" aria-live="polite">
          {s.progress
            ? `${s.progress.phase === 'shrink' ? 'Shrinking the counterexample' : 'Searching fair fault plans'}… ${s.progress.done} / ${s.progress.total}`
            : 'Searching fair fault plans…'}
        </p>
      )}
      {(s.status === 'found' || s.status === 'none' || s.status === 'error') && (
        <div className="fl-interviewer-card" role="region" aria-label="Interviewer">
          {s.status === 'error' && <p className="fl-notice fl-notice-error">{s.error}</p>}
          {s.status === 'none' && r && (
            <p>
              No fair fault plan broke this design in {r.tries} tries ({(r.searchMs / 1000).toFixed(1)} s).
            </p>
          )}
          {s.status === 'found' && r && (
            <>
              <p className="fl-interviewer-question">{r.question}</p>
              <p className="fl-muted">
                Breaks <strong>{r.invariant}</strong> (found in {r.tries} tries, shrunk in {r.shrinkRuns}{' '}
                runs, {(r.searchMs / 1000).toFixed(1)} s; seed {r.seed}, {r.events.toLocaleString()} events)
              </p>
              {r.summary && <p>{r.summary}</p>}
              {r.example && (
                <details
                  onToggle={(e) => {
                    if (e.currentTarget.open) highlightPath(r.example!.path);
                    else clearHighlight();
                  }}
                >
                  <summary>
                    Message {r.example.messageId}: {r.example.detail}
                  </summary>
                  <ol className="fl-path" aria-label="Message path">
                    {r.example.path.map((p, i) => (
                      <li key={i}>
                        <span className="fl-muted">{(p.tMs / 1000).toFixed(3)} s</span>{' '}
                        <strong>{name(p.nodeId)}</strong> — {p.action}
                        {p.faults.length > 0 && (
                          <span className="fl-fault-tag"> ⚡ {p.faults.join(', ')}</span>
                        )}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
              <div className="fl-row">
                <button type="button" className="fl-btn fl-btn-primary" onClick={() => s.load()}>
                  Load
                </button>
              </div>
              {stale && (
                <p className="fl-warning">The board changed since; break it again for a fresh question.</p>
              )}
              <RepairList />
            </>
          )}
        </div>
      )}
    </div>
  );
}

function RepairList() {
  const s = useInterviewerStore();
  if (s.repairStatus === 'searching') return <p className="fl-muted">Looking for the smallest repair…</p>;
  if (s.repairStatus === 'error') return <p className="fl-notice fl-notice-error">{s.error}</p>;
  if (s.repairStatus !== 'done') return null;
  if (s.repairs.length === 0) return <p className="fl-muted">No single edit makes it hold.</p>;
  return (
    <div className="fl-repairs">
      <h4>Suggested repairs</h4>
      <ol>
        {s.repairs.map((x, i) => (
          <li key={x.summary} className={s.previewIndex === i ? 'is-previewed' : ''}>
            <span>{x.summary}</span>{' '}
            <span className="fl-muted">
              (holds under the plan and {x.fairSample.held}/{x.fairSample.of} fair samples
              {x.breaks.length ? `; breaks ${x.breaks.join(', ')}` : ''})
            </span>
            <div className="fl-row">
              <button
                type="button"
                className="fl-btn fl-btn-small"
                aria-pressed={s.previewIndex === i}
                onClick={() => s.previewRepair(s.previewIndex === i ? null : i)}
              >
                Show on canvas
              </button>
              <button
                type="button"
                className="fl-btn fl-btn-small fl-btn-primary"
                aria-label={`Apply repair ${i + 1}`}
                onClick={() => s.applyRepair(i)}
              >
                Apply
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="fl-btn fl-btn-small" onClick={() => s.dismiss()}>
        Dismiss
      </button>
    </div>
  );
}
