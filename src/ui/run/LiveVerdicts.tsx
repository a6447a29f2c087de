import { useEditorStore } from '../../store/editorStore';
import { useInterviewerStore } from '../../store/interviewerStore';
import { usePredictStore } from '../../store/predictStore';

/**
 * Invariant badges from the live check (a 2,000-event run in the worker after each edit, under the
 * run panel's fault plan or the round's). Shown on the canvas and in the run panel.
 */
export function LiveVerdicts({ compact = false }: { compact?: boolean }) {
  const live = useInterviewerStore((s) => s.live);
  const revision = useEditorStore((s) => s.revision);
  // Predicting: the badges would give the answers away, so they wait for the mode to be turned off.
  const predicting = usePredictStore((s) => s.enabled);
  if (predicting)
    return compact ? null : <p className="fl-muted">Live verdicts are hidden while you predict.</p>;
  if (live.verdicts.length === 0 && live.status !== 'checking') return null;
  const stale = live.revision !== revision || live.status === 'checking';
  const source =
    live.planSource === 'run'
      ? 'your fault plan'
      : live.planSource === 'round'
        ? "the round's faults"
        : 'no faults';
  return (
    <div
      className={`fl-live${compact ? ' is-compact' : ''}${stale ? ' is-stale' : ''}`}
      role="status"
      aria-label="Live verdicts"
      aria-busy={live.status === 'checking'}
      data-revision={live.revision}
      title={`Live check: 2,000 events under ${source}${live.status === 'done' ? ` (${live.durationMs} ms)` : ''}`}
    >
      {!compact && <span className="fl-muted">Live, under {source}:</span>}
      {live.verdicts.map((v) => (
        <span
          key={v.id}
          className={`fl-badge ${v.holds ? 'is-holds' : 'is-broken'}`}
          data-invariant={v.id}
          title={v.summary}
        >
          {v.holds ? '✓' : '✗'} {v.id}
        </span>
      ))}
      {live.status === 'checking' && <span className="fl-muted"> checking…</span>}
    </div>
  );
}
