import type { GradeResult } from '../../grading';
import type { Scenario } from '../../domain/scenario';
import { highlightNodes } from './highlight';
import { CompareOnCanvasButton } from './CompareOnCanvasButton';
import { CanvasComparison } from './CanvasComparison';

/** After Submit: the score and its breakdown, both designs' invariants side by side, the structural gaps, the key points. */
export function ComparisonView({
  result,
  scenario,
  ticked,
  onToggle,
}: {
  result: GradeResult;
  scenario: Scenario;
  ticked: string[];
  onToggle: (id: string) => void;
}) {
  const b = result.breakdown;
  const beh = result.behavioural;
  return (
    <div className="fl-comparison" role="region" aria-label="Comparison">
      <div className="fl-score" aria-label={`Score ${result.score} out of 100`}>
        <span className="fl-score-num">{result.score}</span>
        <span className="fl-muted">/100</span>
      </div>
      <CompareOnCanvasButton result={result} scenario={scenario} />
      <CanvasComparison />
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

      <h3>Under the round's faults</h3>
      {beh.ok ? (
        <table className="fl-table" aria-label="Invariants side by side">
          <thead>
            <tr>
              <th>Invariant</th>
              <th>Your design</th>
              <th>Reference</th>
            </tr>
          </thead>
          <tbody>
            {beh.rows.map((r) => (
              <tr key={r.invariant} className={r.user.holds ? 'is-held' : 'is-violated'}>
                <td title={r.description}>
                  <code>{r.invariant}</code>
                  {!r.user.holds && <div className="fl-muted">{r.user.summary}</div>}
                </td>
                <td>
                  {r.user.holds ? (
                    <span className="fl-ok">held</span>
                  ) : (
                    <span className="fl-bad">VIOLATED ({r.user.count.toLocaleString()})</span>
                  )}
                </td>
                <td>
                  {r.reference.holds ? (
                    <span className="fl-ok">held</span>
                  ) : (
                    <span className="fl-bad">VIOLATED ({r.reference.count.toLocaleString()})</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
      {beh.ok && (
        <p className="fl-muted">
          Seeds {beh.seeds.join(', ')} · {beh.events.toLocaleString()} events each
        </p>
      )}

      <h3>Missing roles</h3>
      {result.gaps.length === 0 ? (
        <p className="fl-ok">Your design has every role the reference has.</p>
      ) : (
        <ul className="fl-gaps" aria-label="Structural gaps">
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
        {result.keyPoints.map((k) => (
          <li key={k.id} className={`is-${k.status}`}>
            {k.type === 'talking-point' ? (
              <label>
                <input type="checkbox" checked={ticked.includes(k.id)} onChange={() => onToggle(k.id)} />{' '}
                {k.text}
              </label>
            ) : (
              <>
                <span aria-label={k.status}>
                  {k.status === 'met' ? '✓' : k.status === 'missed' ? '✗' : '?'}
                </span>{' '}
                {k.text}
                {k.detail && <div className="fl-muted">{k.detail}</div>}
              </>
            )}
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
