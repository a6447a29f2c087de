import { useEffect, useRef } from 'react';
import type { GradeResult } from '../../grading';
import type { InvariantColumn } from '../../grading/behavioural';
import type { Scenario } from '../../domain/scenario';
import { highlightNodes } from './highlight';

const seedList = (seeds: readonly number[]) =>
  seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds.join(', ')}`;

/** "held on seeds 1, 2, 3" or "VIOLATED: 2,875 over seeds 1, 2, 3 (on 1, 3)". */
function Verdict({ col, seeds }: { col: InvariantColumn; seeds: readonly number[] }) {
  if (col.holds) return <span className="fl-ok">held</span>;
  // Not observable on this design (it lacks what the invariant is about): not kept, nothing counted.
  if (col.count === 0) return <span className="fl-bad">not kept</span>;
  const on =
    col.violatedSeeds.length > 0 && col.violatedSeeds.length < seeds.length
      ? ` (violated on ${seedList(col.violatedSeeds)})`
      : '';
  return (
    <span className="fl-bad">
      VIOLATED
      <span className="fl-verdict-count">
        {' '}
        {col.count.toLocaleString()} in total{on}
      </span>
    </span>
  );
}

/**
 * After Submit: the score (it takes focus), the self-assessment of the talking points, both
 * designs' invariants side by side with each invariant's meaning, what to change, the key points.
 */
export function ComparisonView({
  result,
  scenario,
  ticked,
  onToggle,
  focusScore = false,
  onFocused,
}: {
  result: GradeResult;
  scenario: Scenario;
  ticked: string[];
  onToggle: (id: string) => void;
  focusScore?: boolean;
  onFocused?: () => void;
}) {
  const b = result.breakdown;
  const beh = result.behavioural;
  const score = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusScore || !score.current) return;
    score.current.scrollIntoView({ block: 'start' });
    score.current.focus({ preventScroll: true });
    onFocused?.();
  }, [focusScore, onFocused]);
  const talkingPoints = scenario.keyPoints.filter((k) => k.talkingPoint);
  const others = result.keyPoints.filter((k) => k.type !== 'talking-point');
  return (
    <div className="fl-comparison" role="region" aria-label="Comparison">
      <div
        className="fl-score"
        ref={score}
        tabIndex={-1}
        role="group"
        aria-label={`Score ${result.score} out of 100`}
        data-testid="round-score"
      >
        <span className="fl-score-num">{result.score}</span>
        <span className="fl-muted">/100</span>
      </div>
      <ul className="fl-breakdown">
        <li>
          Invariants: {b.invariants.earned}/{b.invariants.max} — {b.invariants.detail}
        </li>
        <li>
          Roles: {b.structure.earned}/{b.structure.max} — {b.structure.detail}
        </li>
        <li>
          Talking points: {b.talkingPoints.earned}/{b.talkingPoints.max} — {b.talkingPoints.detail}
        </li>
        {b.hintPenalty > 0 && <li>Hints: −{b.hintPenalty}</li>}
      </ul>

      {talkingPoints.length > 0 && (
        <fieldset className="fl-fieldset fl-self-assess">
          <legend>Which of these did you cover? (self-assessment)</legend>
          {talkingPoints.map((k) => (
            <label key={k.id} className="fl-check">
              <input type="checkbox" checked={ticked.includes(k.id)} onChange={() => onToggle(k.id)} />{' '}
              {k.text}
            </label>
          ))}
        </fieldset>
      )}

      <h3>Under the round&apos;s faults</h3>
      {beh.ok ? (
        <>
          <p className="fl-muted">
            Both designs ran on {seedList(beh.seeds)}, {beh.events.toLocaleString()} events each; counts are
            summed over the seeds.
          </p>
          <table className="fl-table fl-compare-table" aria-label="Invariants side by side">
            <thead>
              <tr>
                <th scope="col">Invariant</th>
                <th scope="col">Your design</th>
                <th scope="col">Reference</th>
              </tr>
            </thead>
            <tbody>
              {beh.rows.map((r) => (
                <tr key={r.invariant} className={r.user.holds ? 'is-held' : 'is-violated'}>
                  <td>
                    <code>{r.invariant}</code>
                    <div className="fl-inv-meaning">{r.description}</div>
                    {!r.user.holds && (
                      <div className="fl-muted">
                        {r.user.violatedSeeds.length > 0 ? `Seed ${r.user.violatedSeeds[0]}: ` : ''}
                        {r.user.summary}
                      </div>
                    )}
                  </td>
                  <td>
                    <Verdict col={r.user} seeds={beh.seeds} />
                  </td>
                  <td>
                    <Verdict col={r.reference} seeds={beh.seeds} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <div className="fl-notice fl-notice-warning" role="alert">
          <p>{beh.message}</p>
          {'issues' in beh && (
            <ul>
              {beh.issues.slice(0, 10).map((i) => (
                <li key={i.path}>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <h3>What to change</h3>
      {result.gaps.length === 0 ? (
        <p className="fl-ok">Your design has every role the reference has.</p>
      ) : (
        <ul className="fl-gaps" aria-label="What to change">
          {result.gaps.map((g) => (
            <li key={g.keyPointId}>
              <button type="button" className="fl-link" onClick={() => highlightNodes(g.nodeIds)}>
                {g.message}
              </button>
              {g.invariant && (
                <span className={g.broken ? 'fl-bad' : 'fl-muted'}>
                  {' '}
                  — {g.broken ? 'broke' : 'protects'} <code>{g.invariant}</code>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>Key points</h3>
      <ul className="fl-keypoints" aria-label="Key points">
        {others.map((k) => (
          <li key={k.id} className={`is-${k.status}`}>
            <span aria-hidden="true">{k.status === 'met' ? '✓' : k.status === 'missed' ? '✗' : '?'}</span>{' '}
            <span className="fl-sr-only">
              {k.status === 'met' ? 'Met: ' : k.status === 'missed' ? 'Missed: ' : 'Not judged: '}
            </span>
            {k.text}
            {k.detail && <div className="fl-muted">{k.detail}</div>}
          </li>
        ))}
      </ul>

      <h3>What the interviewer would probe</h3>
      <ul>
        {scenario.probes.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
