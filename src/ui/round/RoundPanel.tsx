import { useState } from 'react';
import { getScenario, getScenarios } from '../../content/scenarios';
import { createEmptyBoard } from '../../domain';
import type { Scenario } from '../../domain/scenario';
import { useBoardsStore } from '../../store/boardsStore';
import { useEditorStore } from '../../store/editorStore';
import { usePracticeStore } from '../../store/practiceStore';
import { useRunStore } from '../../store/runStore';
import { ComparisonView } from './ComparisonView';
import { gradeInWorker } from '../../workers/clients/gradeClient';
import { RoundTimer } from './RoundTimer';
import { ScenarioPicker } from './ScenarioPicker';

/** Starts a round on a board of its own, so the user's other boards are never touched. */
export function startRound(s: Scenario) {
  const board = s.startBoard
    ? { ...s.startBoard, title: `Practice: ${s.title}`, scenario: s.id }
    : { ...createEmptyBoard(`Practice: ${s.title}`), scenario: s.id };
  const boardId = useBoardsStore.getState().createAndOpen(board);
  useRunStore.getState().setFaults(s.faultPlan.faults);
  usePracticeStore.getState().begin(s.id, boardId, s.timeBoxMin);
}

async function submit(s: Scenario) {
  const p = usePracticeStore.getState();
  p.pauseTimer();
  p.setGrading({ grading: true, progress: 0, error: null });
  try {
    const result = await gradeInWorker(
      {
        scenarioId: s.id,
        board: useEditorStore.getState().board,
        tickedTalkingPoints: p.ticked,
        hintsUsed: p.hintsShown,
      },
      (done, total) => usePracticeStore.getState().setGrading({ grading: true, progress: done / total }),
    );
    usePracticeStore.getState().setGrading({ grading: false, result });
    usePracticeStore.getState().recordAttempt(s.id, {
      at: new Date().toISOString(),
      score: result.score,
      hintsUsed: p.hintsShown,
      elapsedMs: Math.round(p.elapsedMs(performance.now())),
    });
  } catch (e) {
    usePracticeStore.getState().setGrading({ grading: false, error: (e as Error).message });
  }
}

/** The practice round: scenario picker, prompt, timer, hints, submit, comparison and history. */
export default function RoundPanel() {
  const p = usePracticeStore();
  const activeBoard = useBoardsStore((b) => b.activeId);
  const [showHistory, setShowHistory] = useState(false);
  const scenario = p.scenarioId ? getScenario(p.scenarioId) : undefined;
  if (!scenario)
    return <ScenarioPicker scenarios={getScenarios()} attempts={p.attempts} onStart={startRound} />;
  const talkingPoints = scenario.keyPoints.filter((k) => k.talkingPoint);
  const history = p.attempts[scenario.id] ?? [];
  return (
    <section className="fl-round" aria-label="Practice round">
      <div className="fl-row">
        <h2 className="fl-round-title">{scenario.title}</h2>
        <button type="button" className="fl-btn fl-btn-small" onClick={p.end}>
          End round
        </button>
      </div>
      <RoundTimer />
      <p className="fl-prompt">{scenario.prompt}</p>
      <div className="fl-hints">
        {scenario.hints.slice(0, p.hintsShown).map((h, i) => (
          <p key={i} className="fl-hint">
            <strong>Hint:</strong> {h}
          </p>
        ))}
        {p.hintsShown < scenario.hints.length && (
          <button type="button" className="fl-btn fl-btn-small" onClick={p.showHint}>
            Hint ({p.hintsShown} of {scenario.hints.length} used)
          </button>
        )}
      </div>
      {!p.result && talkingPoints.length > 0 && (
        <fieldset className="fl-fieldset">
          <legend>Talking points you covered</legend>
          {talkingPoints.map((k) => (
            <label key={k.id} className="fl-check">
              <input
                type="checkbox"
                checked={p.ticked.includes(k.id)}
                onChange={() => p.toggleTalkingPoint(k.id)}
              />{' '}
              {k.text}
            </label>
          ))}
        </fieldset>
      )}
      <div className="fl-row">
        <button
          type="button"
          className="fl-btn fl-btn-primary"
          onClick={() => void submit(scenario)}
          disabled={p.grading}
        >
          {p.result ? 'Submit again' : 'Submit'}
        </button>
        <button
          type="button"
          className="fl-btn"
          onClick={() =>
            useBoardsStore.getState().createAndOpen({
              ...scenario.reference,
              title: `Reference: ${scenario.title}`,
              scenario: scenario.id,
            })
          }
        >
          Open reference design
        </button>
        {p.boardId && activeBoard !== p.boardId && (
          <button type="button" className="fl-btn" onClick={() => useBoardsStore.getState().open(p.boardId!)}>
            Back to my board
          </button>
        )}
      </div>
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
          onToggle={(id) => {
            p.toggleTalkingPoint(id);
            void submit(scenario);
          }}
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
                  <th>When</th>
                  <th>Score</th>
                  <th>Hints</th>
                  <th>Time</th>
                </tr>
              </thead>
              <tbody>
                {[...history].reverse().map((a) => (
                  <tr key={a.at}>
                    <td>{new Date(a.at).toLocaleString()}</td>
                    <td>{a.score}</td>
                    <td>{a.hintsUsed}</td>
                    <td>{Math.round(a.elapsedMs / 60000)} min</td>
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
