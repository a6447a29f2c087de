import { useEffect, useState } from 'react';
import { phaseAt, ROUND_PHASES, usePracticeStore } from '../../store/practiceStore';

const fmt = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** The round's clock: time left, the current phase, pause and resume. */
export function RoundTimer() {
  const s = usePracticeStore();
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (s.runningSince === null) return;
    const t = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(t);
  }, [s.runningSince]);
  const elapsed = s.elapsedMs(now);
  const phase = phaseAt(elapsed, s.timeBoxMs);
  return (
    <div className="fl-timer" role="timer" aria-label="Round timer">
      <div className="fl-row">
        <span className={`fl-timer-clock${phase.overtime ? ' is-over' : ''}`}>
          {phase.overtime ? `+${fmt(elapsed - s.timeBoxMs)}` : fmt(s.timeBoxMs - elapsed)}
        </span>
        <span>{phase.label}</span>
        {s.runningSince === null ? (
          <button type="button" className="fl-btn fl-btn-small" onClick={s.resumeTimer}>
            Resume timer
          </button>
        ) : (
          <button type="button" className="fl-btn fl-btn-small" onClick={s.pauseTimer}>
            Pause timer
          </button>
        )}
      </div>
      <div className="fl-phases" aria-hidden="true">
        {ROUND_PHASES.map((p, i) => (
          <div
            key={p.id}
            className={`fl-phase${i < phase.index ? ' is-done' : i === phase.index ? ' is-now' : ''}`}
            style={{ flex: p.share }}
            title={p.label}
          />
        ))}
      </div>
    </div>
  );
}
