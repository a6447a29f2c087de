import { useEffect, useMemo, useRef } from 'react';
import { INVARIANT_DESCRIPTIONS } from '../../domain/invariants';
import { formatScore, predictableInvariants, type Prediction } from '../../grading/predict';
import { useEditorStore } from '../../store/editorStore';
import { usePracticeStore } from '../../store/practiceStore';
import '../../store/predictRuns';
import { usePredictStore } from '../../store/predictStore';

const CHOICES: readonly Prediction[] = ['holds', 'breaks'];
/** The id of the line that says why Run waits; the Run button points at it with aria-describedby. */
export const PREDICT_STATUS_ID = 'predict-status';

/**
 * "Predict before running": the toggle and, while it is on, one radio group per invariant the next
 * run will check. Run (in the run panel) waits until every group has an answer.
 */
export function PredictPanel() {
  const enabled = usePredictStore((s) => s.enabled);
  const predictions = usePredictStore((s) => s.predictions);
  const board = useEditorStore((s) => s.board);
  const inRound = usePracticeStore((s) => s.scenarioId !== null);
  const ids = useMemo(() => predictableInvariants(board), [board]);
  const done = ids.filter((id) => predictions[id] !== undefined).length;
  const { setEnabled, predict } = usePredictStore.getState();
  return (
    <div className="fl-predict">
      <label className="fl-check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Predict before running
      </label>
      {enabled && (
        <fieldset className="fl-fieldset fl-predict-form" aria-describedby={PREDICT_STATUS_ID}>
          <legend>Your prediction for the next run</legend>
          {ids.length === 0 ? (
            <p className="fl-muted">
              This board has nothing to predict yet: a run checks invariants once a producer feeds it.
            </p>
          ) : (
            ids.map((id) => (
              <fieldset key={id} className="fl-predict-item" aria-describedby={`predict-desc-${id}`}>
                <legend>
                  <code>{id}</code>
                </legend>
                <span className="fl-inv-meaning" id={`predict-desc-${id}`}>
                  {INVARIANT_DESCRIPTIONS[id]}
                </span>
                <div className="fl-predict-choices">
                  {CHOICES.map((c) => (
                    <label key={c} className={`fl-predict-choice is-${c}`}>
                      <input
                        type="radio"
                        name={`predict-${id}`}
                        value={c}
                        checked={predictions[id] === c}
                        onChange={() => predict(id, c)}
                      />
                      {c}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))
          )}
          <p className="fl-muted" id={PREDICT_STATUS_ID}>
            {ids.length === 0
              ? 'Run is not held back.'
              : done < ids.length
                ? `${done} of ${ids.length} predicted: Run waits until every invariant has a prediction.`
                : `All ${ids.length} predicted: run it to see how you did${inRound ? ' (kept with this round’s attempt)' : ''}.`}
          </p>
        </fieldset>
      )}
    </div>
  );
}

const LABEL: Record<string, string> = {
  holds: 'holds',
  breaks: 'breaks',
  inconclusive: 'inconclusive',
};

/** The last run's predictions against its verdicts: "You predicted 4 of 5", row by row. */
export function PredictionOutcome() {
  const outcome = usePredictStore((s) => s.outcome);
  const kept = usePredictStore((s) => s.outcomeKept);
  const heading = useRef<HTMLHeadingElement>(null);
  // A new outcome takes focus: Run is disabled again (fresh predictions), and this is the answer.
  // Only a new one: coming back to the Run tab must not pull focus off the tab.
  const shown = useRef(outcome);
  useEffect(() => {
    if (outcome && outcome !== shown.current) heading.current?.focus();
    shown.current = outcome;
  }, [outcome]);
  if (!outcome) return null;
  const unpredicted = outcome.rows.filter((r) => r.predicted === null).length;
  return (
    <section className="fl-predict-outcome" aria-labelledby="predict-outcome-title">
      <h3 id="predict-outcome-title" tabIndex={-1} ref={heading}>
        {outcome.scored === 0
          ? 'Predictions: nothing to score'
          : `You predicted ${outcome.correct} of ${outcome.scored} (${formatScore(outcome)})`}
      </h3>
      <table className="fl-table" aria-label="Predictions against verdicts">
        <thead>
          <tr>
            <th scope="col">Invariant</th>
            <th scope="col">You predicted</th>
            <th scope="col">The run</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {outcome.rows.map((r) => (
            <tr key={r.id} className={r.correct === false ? 'is-violated' : undefined}>
              <td>
                <code>{r.id}</code>
              </td>
              <td>{r.predicted ?? <span className="fl-muted">skipped</span>}</td>
              <td>{LABEL[r.actual]}</td>
              <td>
                {r.correct === null ? (
                  <span className="fl-muted">not scored</span>
                ) : r.correct ? (
                  <span className="fl-ok">✓ right</span>
                ) : (
                  <span className="fl-bad">✗ wrong</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fl-muted">
        {unpredicted > 0 ? `${unpredicted} not predicted (skipped, not scored). ` : ''}
        {kept
          ? 'Kept with this round’s attempt in the attempts history.'
          : 'Not kept: only runs in a practice round go into the attempts history.'}{' '}
        Predict again for the next run.
      </p>
    </section>
  );
}

/** How many invariants still need a prediction before Run (0 while the mode is off). */
export function usePredictionsMissing(): number {
  const enabled = usePredictStore((s) => s.enabled);
  const predictions = usePredictStore((s) => s.predictions);
  // A number, not the board: an edit re-renders the caller only when the count changes.
  return useEditorStore((s) =>
    enabled ? predictableInvariants(s.board).filter((id) => predictions[id] === undefined).length : 0,
  );
}
