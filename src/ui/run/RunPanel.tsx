import { useEffect } from 'react';
import { useEditorStore } from '../../store/editorStore';
import {
  selectCan,
  selectPhase,
  selectProgress,
  selectSpeed,
  useRunStore,
  type RunState,
} from '../../store/runStore';
import { FaultPlanEditor } from './FaultPlanEditor';
import { InterviewerPanel } from './InterviewerPanel';
import { LiveVerdicts } from './LiveVerdicts';
import { PREDICT_STATUS_ID, PredictionOutcome, PredictPanel, usePredictionsMissing } from './PredictPanel';
import { ResultsView } from './ResultsView';

const SPEEDS = [1, 10, 100, 1000, 10000];
const canPause = selectCan({ type: 'run.pause' });
const canResume = selectCan({ type: 'run.resume' });
const canStep = selectCan({ type: 'run.step' });

/** The store's actions: functions that never change, so reading them subscribes to nothing. */
const act = (): RunState => useRunStore.getState();

/**
 * The run panel: fault plan, seed and event count, lifecycle controls, progress and results. It
 * subscribes to what it shows, field by field; the replay cursor, which moves every frame, is read
 * only by `RunStatus` and the playback loop, so a replay re-renders one line, not the panel.
 */
export function RunPanel() {
  const seed = useRunStore((x) => x.seed);
  const events = useRunStore((x) => x.events);
  const duration = useRunStore((x) => x.duration);
  const computing = useRunStore((x) => x.computing);
  const result = useRunStore((x) => x.result);
  const resultRevision = useRunStore((x) => x.resultRevision);
  const error = useRunStore((x) => x.error);
  const phase = useRunStore(selectPhase);
  const speed = useRunStore(selectSpeed);
  const pausable = useRunStore(canPause);
  const resumable = useRunStore(canResume);
  const steppable = useRunStore(canStep);
  // A boolean, not the revision: an edit re-renders the panel only when the result turns stale.
  const stale = useEditorStore((x) => result !== null && resultRevision !== x.revision);
  const waitingForPredictions = usePredictionsMissing() > 0;
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
            value={seed}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n)) act().setSeed(n);
            }}
          />
        </label>
        <label className="fl-mini-field">
          <span>Events</span>
          <input
            className="fl-input"
            aria-label="Events"
            inputMode="numeric"
            value={events}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n) && n > 0) act().setEvents(n);
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
            value={duration > 0 ? duration : ''}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n) && n >= 0) act().setDuration(n);
            }}
          />
        </label>
      </div>
      <PredictPanel />
      <div className="fl-row fl-run-controls">
        <button
          type="button"
          className="fl-btn fl-btn-primary"
          onClick={() => act().start()}
          disabled={computing || waitingForPredictions}
          aria-describedby={waitingForPredictions ? PREDICT_STATUS_ID : undefined}
        >
          {result ? 'Run again' : 'Run'}
        </button>
        {pausable && result && (
          <button type="button" className="fl-btn" onClick={() => act().pause()}>
            Pause
          </button>
        )}
        {resumable && (
          <button type="button" className="fl-btn" onClick={() => act().resume()}>
            Resume
          </button>
        )}
        <button
          type="button"
          className="fl-btn"
          onClick={() => act().step()}
          disabled={!result || !steppable}
        >
          Step
        </button>
        <button type="button" className="fl-btn" onClick={() => act().reset()} disabled={phase === 'idle'}>
          Reset
        </button>
        <label className="fl-mini-field">
          <span>Speed</span>
          <select
            className="fl-input"
            aria-label="Replay speed"
            value={SPEEDS.includes(speed) ? speed : ''}
            onChange={(e) => act().setSpeed(Number(e.target.value))}
          >
            {!SPEEDS.includes(speed) && <option value="">auto ({Math.round(speed)}×)</option>}
            {SPEEDS.map((x) => (
              <option key={x} value={x}>
                {x}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <LiveVerdicts />
      <InterviewerPanel />
      <RunStatus />
      {error && (
        <div className="fl-notice fl-notice-error" role="alert">
          {error}
        </div>
      )}
      {stale && (
        <p className="fl-warning">The board changed since this run; run again to update the verdicts.</p>
      )}
      {result?.stopped && (
        <div className="fl-notice fl-notice-warning" role="alert">
          Simulation stopped: {result.stopped.message}
        </div>
      )}
      <PredictionOutcome />
      {result && <ResultsView result={result} />}
    </section>
  );
}

/** Progress while the worker computes, then the replay position: the one part that moves every frame. */
function RunStatus() {
  const computing = useRunStore((x) => x.computing);
  const progress = useRunStore(selectProgress);
  const phase = useRunStore(selectPhase);
  const result = useRunStore((x) => x.result);
  const durationMs = useRunStore((x) => x.durationMs);
  const cursorS = useRunStore((x) => Math.round(x.cursorMs / 1000));
  return (
    <>
      {(computing || progress > 0) && (
        <progress className="fl-progress" aria-label="Simulation progress" max={1} value={progress} />
      )}
      {/* Not a live region: RunAnnouncer speaks each run's outcome once. */}
      <p className="fl-muted">
        {computing
          ? `Simulating… ${Math.round(progress * 100)}%`
          : result
            ? `Phase: ${phase} · ${result.processedEvents.toLocaleString()} events processed in ${Math.round(durationMs)} ms · replay ${cursorS} s / ${Math.round(result.virtualMs / 1000)} s`
            : `Phase: ${phase}`}
      </p>
    </>
  );
}

/** Advances the replay cursor while the lifecycle is running. */
function usePlayback() {
  const phase = useRunStore(selectPhase);
  const hasResult = useRunStore((s) => s.result !== null);
  useEffect(() => {
    if (phase !== 'running' || !hasResult) return;
    let last = performance.now();
    let raf = 0;
    const tick = (now: number) => {
      const s = useRunStore.getState();
      const dt = Math.min(100, now - last);
      last = now;
      if (s.result) s.seek(s.cursorMs + dt * selectSpeed(s));
      if (selectPhase(useRunStore.getState()) === 'running') raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [phase, hasResult]);
}
