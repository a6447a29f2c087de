import { useEffect, useRef, useState } from 'react';
import { getScenario, getScenarios } from '../../content/scenarios';
import { INVARIANT_DESCRIPTIONS } from '../../domain/invariants';
import { HINT_COST, MAX_HINT_PENALTY } from '../../grading/hintCost';
import { formatScore, totalScore } from '../../grading/predict';
import { useBoardsStore } from '../../store/boardsStore';
import { usePracticeStore } from '../../store/practiceStore';
import { ComparisonView } from './ComparisonView';
import { RoundTimer } from './RoundTimer';
import { ScenarioPicker } from './ScenarioPicker';

/**
 * The practice round as an interview: the prompt, the requirements (the invariants the design must
 * keep), hints on demand at a stated cost, and notes for what you would say. The key points and
 * the reference stay hidden until Submit; then the self-assessment and the comparison. The round's
 * orchestration (start, submit, re-score, reference) lives in the practice store.
 */
export default function RoundPanel() {
  const p = usePracticeStore();
  const activeBoard = useBoardsStore((b) => b.activeId);
  const [showHistory, setShowHistory] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  const scenario = p.scenarioId ? getScenario(p.scenarioId) : undefined;

  const focusRequest = p.focusRequest;
  useEffect(() => {
    if (focusRequest !== 'round' || !title.current) return;
    title.current.focus();
    usePracticeStore.getState().clearFocusRequest();
  }, [focusRequest]);

  if (!scenario) return <ScenarioPicker scenarios={getScenarios()} attempts={p.attempts} onStart={p.start} />;
  const history = p.attempts[scenario.id] ?? [];
  const hintsLeft = scenario.hints.length - p.hintsShown;
  const penaltyNow = Math.min(MAX_HINT_PENALTY, p.hintsShown * HINT_COST);
  const onOwnBoard = !p.boardId || activeBoard === p.boardId;
  return (
    <section className="fl-round" aria-labelledby="round-title">
      <div className="fl-round-head">
        <div className="fl-row">
          <h2 className="fl-round-title" id="round-title" tabIndex={-1} ref={title}>
            {scenario.title}
          </h2>
          <button type="button" className="fl-btn fl-btn-small" onClick={p.end}>
            End round
          </button>
        </div>
        <RoundTimer />
      </div>

      <h3 className="fl-round-h">The question</h3>
      <p className="fl-prompt">{scenario.prompt}</p>

      <h3 className="fl-round-h">Requirements</h3>
      <p className="fl-muted">
        Submit runs your design under the round&apos;s faults; it should keep these invariants:
      </p>
      <ul className="fl-requirements">
        {scenario.invariants.map((id) => (
          <li key={id}>
            <code>{id}</code> — {INVARIANT_DESCRIPTIONS[id]}
          </li>
        ))}
      </ul>

      <h3 className="fl-round-h">Hints</h3>
      <div className="fl-hints">
        {scenario.hints.slice(0, p.hintsShown).map((h, i) => (
          <p key={i} className="fl-hint">
            <strong>Hint {i + 1}:</strong> {h}
          </p>
        ))}
        {hintsLeft > 0 && !p.result ? (
          <button type="button" className="fl-btn fl-btn-small" onClick={p.showHint}>
            Show hint {p.hintsShown + 1} of {scenario.hints.length} (costs {HINT_COST} points)
          </button>
        ) : null}
        <p className="fl-muted">
          {p.hintsShown === 0
            ? `Each hint costs ${HINT_COST} points of the score (at most ${MAX_HINT_PENALTY}).`
            : `Hints used so far cost ${penaltyNow} points.`}
        </p>
      </div>

      <div className="fl-field">
        <label htmlFor="round-notes">Your notes: what you would say</label>
        <textarea
          id="round-notes"
          className="fl-input"
          rows={5}
          value={p.notes}
          placeholder="Assumptions, trade-offs, what you would monitor…"
          onChange={(e) => p.setNotes(e.target.value)}
        />
        <small className="fl-muted">Kept with the attempt and in the exported Markdown notes.</small>
      </div>

      <div className="fl-row fl-round-actions">
        <button
          type="button"
          className="fl-btn fl-btn-primary"
          onClick={() => void p.submit()}
          disabled={p.grading}
        >
          {p.result ? 'Submit again' : 'Submit'}
        </button>
        <button type="button" className="fl-btn" onClick={() => void p.openReference()}>
          {p.result ? 'Open reference design' : 'Open reference design…'}
        </button>
        {!onOwnBoard && (
          <button type="button" className="fl-btn" onClick={p.backToBoard}>
            Back to my board
          </button>
        )}
      </div>
      {p.referenceViewed && (
        <p className="fl-warning">Reference viewed before Submit: this attempt is marked so.</p>
      )}
      {p.grading && (
        <progress className="fl-progress" aria-label="Grading progress" max={1} value={p.gradeProgress} />
      )}
      {p.gradeError && (
        <div className="fl-notice fl-notice-error" role="alert">
          Grading failed: {p.gradeError}
        </div>
      )}
      {p.result && (
        <ComparisonView
          result={p.result}
          scenario={scenario}
          ticked={p.ticked}
          onToggle={(id) => void p.toggleTalkingPoint(id)}
          focusScore={p.focusRequest === 'score'}
          onFocused={p.clearFocusRequest}
        />
      )}
      {history.length > 0 && (
        <div>
          <button
            type="button"
            className="fl-link"
            aria-expanded={showHistory}
            onClick={() => setShowHistory(!showHistory)}
          >
            Attempts ({history.length})
          </button>
          {showHistory && (
            <table className="fl-table" aria-label="Attempts">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Score</th>
                  <th scope="col">Hints</th>
                  <th scope="col">Time</th>
                  <th scope="col">Predictions</th>
                </tr>
              </thead>
              <tbody>
                {[...history].reverse().map((a) => (
                  <tr key={a.at}>
                    <td>{new Date(a.at).toLocaleString()}</td>
                    <td>
                      {a.score}
                      {a.referenceViewed ? ' (reference viewed)' : ''}
                    </td>
                    <td>{a.hintsUsed}</td>
                    <td>{Math.round(a.elapsedMs / 60000)} min</td>
                    <td>
                      {a.predictions?.length
                        ? `${formatScore(totalScore(a.predictions))} over ${a.predictions.length} run${a.predictions.length === 1 ? '' : 's'}`
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
