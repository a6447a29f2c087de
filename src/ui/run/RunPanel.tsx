import { useEffect } from 'react';
import { useEditorStore } from '../../store/editorStore';
import { useRunStore } from '../../store/runStore';
import { FaultPlanEditor } from './FaultPlanEditor';
import { ResultsView } from './ResultsView';

const SPEEDS = [1, 10, 100, 1000, 10000];

/** The run panel: fault plan, seed and event count, lifecycle controls, progress and results. */
export function RunPanel() {
  const s = useRunStore();
  const revision = useEditorStore((x) => x.revision);
  const stale = s.result !== null && s.resultRevision !== revision;
  usePlayback();
  return (
    <section className="fl-run" aria-label="Run">
      <FaultPlanEditor />
      <div className="fl-row">
        <label className="fl-mini-field">
          <span>Seed</span>
          <input
            className="fl-input"
            aria-label="Seed"
            inputMode="numeric"
            value={s.seed}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n)) s.setSeed(n);
            }}
          />
        </label>
        <label className="fl-mini-field">
          <span>Events</span>
          <input
            className="fl-input"
            aria-label="Events"
            inputMode="numeric"
            value={s.events}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n) && n > 0) s.setEvents(n);
            }}
          />
        </label>
        <label className="fl-mini-field">
          <span>Duration (ms)</span>
          <input
            className="fl-input"
            aria-label="Duration (ms)"
            title="Virtual time the items are spread over (3600000 = an hour); empty = the producers' rates"
            inputMode="numeric"
            placeholder="rate"
            value={s.duration > 0 ? s.duration : ''}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n) && n >= 0) s.setDuration(n);
            }}
          />
        </label>
      </div>
      <div className="fl-row fl-run-controls">
        <button type="button" className="fl-btn fl-btn-primary" onClick={s.start} disabled={s.computing}>
          {s.result ? 'Run again' : 'Run'}
        </button>
        {s.phase === 'running' && s.result && (
          <button type="button" className="fl-btn" onClick={s.pause}>
            Pause
          </button>
        )}
        {s.phase === 'paused' && (
          <button type="button" className="fl-btn" onClick={s.resume}>
            Resume
          </button>
        )}
        <button
          type="button"
          className="fl-btn"
          onClick={s.step}
          disabled={!s.result || s.phase === 'running'}
        >
          Step
        </button>
        <button type="button" className="fl-btn" onClick={s.reset} disabled={s.phase === 'idle'}>
          Reset
        </button>
        <label className="fl-mini-field">
          <span>Speed</span>
          <select
            className="fl-input"
            aria-label="Replay speed"
            value={SPEEDS.includes(s.speed) ? s.speed : ''}
            onChange={(e) => s.setSpeed(Number(e.target.value))}
          >
            {!SPEEDS.includes(s.speed) && <option value="">auto ({Math.round(s.speed)}×)</option>}
            {SPEEDS.map((x) => (
              <option key={x} value={x}>
                {x}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {(s.computing || s.progress > 0) && (
        <progress className="fl-progress" aria-label="Simulation progress" max={1} value={s.progress} />
      )}
      {/* Not a live region: RunAnnouncer speaks each run's outcome once. */}
      <p className="fl-muted">
        {s.computing
          ? `Simulating… ${Math.round(s.progress * 100)}%`
          : s.result
            ? `Phase: ${s.phase} · ${s.result.processedEvents.toLocaleString()} events processed in ${Math.round(s.durationMs)} ms · replay ${Math.round(s.cursorMs / 1000)} s / ${Math.round(s.result.virtualMs / 1000)} s`
            : `Phase: ${s.phase}`}
      </p>
      {s.error && (
        <div className="fl-notice fl-notice-error" role="alert">
          {s.error}
        </div>
      )}
      {stale && (
        <p className="fl-warning">The board changed since this run; run again to update the verdicts.</p>
      )}
      {s.result?.stopped && (
        <div className="fl-notice fl-notice-warning" role="alert">
          Simulation stopped: {s.result.stopped.message}
        </div>
      )}
      {s.result && <ResultsView result={s.result} />}
    </section>
  );
}

/** Advances the replay cursor while the lifecycle is running. */
function usePlayback() {
  const phase = useRunStore((s) => s.phase);
  const hasResult = useRunStore((s) => s.result !== null);
  useEffect(() => {
    if (phase !== 'running' || !hasResult) return;
    let last = performance.now();
    let raf = 0;
    const tick = (now: number) => {
      const s = useRunStore.getState();
      const dt = Math.min(100, now - last);
      last = now;
      if (s.result) s.seek(s.cursorMs + dt * s.speed);
      if (useRunStore.getState().phase === 'running') raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [phase, hasResult]);
}
