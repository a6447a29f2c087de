import type { Scenario } from '../../domain/scenario';
import type { Attempt } from '../../store/practiceStore';

/** Scenarios grouped by topic, with difficulty, time box and best score so far. */
export function ScenarioPicker({
  scenarios,
  attempts,
  onStart,
}: {
  scenarios: readonly Scenario[];
  attempts: Record<string, Attempt[]>;
  onStart: (s: Scenario) => void;
}) {
  const topics = [...new Set(scenarios.map((s) => s.topic))];
  return (
    <div className="fl-picker" role="region" aria-label="Scenarios">
      <p className="fl-muted">
        Pick a design question. A timer starts, you draw, then Submit runs the round's faults against your
        board and the reference design.
      </p>
      {topics.map((t) => (
        <section key={t}>
          <h3 className="fl-palette-group">{t}</h3>
          <ul className="fl-picker-list">
            {scenarios
              .filter((s) => s.topic === t)
              .map((s) => {
                const best = Math.max(-1, ...(attempts[s.id] ?? []).map((a) => a.score));
                return (
                  <li key={s.id} className="fl-picker-item" data-scenario={s.id}>
                    <div>
                      <strong>{s.title}</strong>
                      <div className="fl-muted">
                        <span aria-label={`difficulty ${s.difficulty} of 5`}>
                          {'★'.repeat(s.difficulty)}
                          {'☆'.repeat(5 - s.difficulty)}
                        </span>{' '}
                        · {s.timeBoxMin} min
                        {best >= 0 && (
                          <>
                            {' '}
                            · best {best}/100 ({attempts[s.id]!.length} attempt
                            {attempts[s.id]!.length === 1 ? '' : 's'})
                          </>
                        )}
                      </div>
                    </div>
                    <button
                      type="button"
                      className="fl-btn fl-btn-small"
                      aria-label={`Start ${s.title}`}
                      onClick={() => onStart(s)}
                    >
                      Start
                    </button>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </div>
  );
}
