import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getScenario } from '../../src/content/scenarios';
import { INVARIANT_DESCRIPTIONS } from '../../src/domain/invariants';
import { gradeAttempt } from '../../src/grading/grade';
import { useRunOverlay } from '../../src/store/runOverlayStore';
import { ComparisonView } from '../../src/ui/round/ComparisonView';

const scenario = getScenario('metering-pipeline')!;
const noDedup = scenario.wrongVariants.find((w) => w.id === 'no-dedup')!;
/** A real grade: the known-wrong "no dedup" board against the reference, on two seeds of the round's faults. */
const RESULT = gradeAttempt(scenario, noDedup.board, { seeds: [1, 2], events: 2000 });
const beh = RESULT.behavioural;
if (!beh.ok) throw new Error('the fixture must simulate');

beforeAll(() => {
  // jsdom does not lay out, so it has no scrollIntoView.
  Element.prototype.scrollIntoView = vi.fn();
});
beforeEach(() => useRunOverlay.getState().set({ highlightNodes: new Set(), highlightEdges: new Set() }));

describe('ComparisonView on a real grade', () => {
  it('the wrong design really broke what it is known to break (guards the fixture)', () => {
    const row = beh.rows.find((r) => r.invariant === noDedup.violates)!;
    expect(row.user).toMatchObject({ holds: false, violatedSeeds: [1, 2] });
    expect(row.user.count).toBeGreaterThan(0);
    expect(beh.rows.every((r) => r.reference.holds)).toBe(true);
    expect(RESULT.gaps.length).toBeGreaterThan(0);
  });

  it('puts the score in focus and breaks it down', () => {
    const onFocused = vi.fn();
    render(
      <ComparisonView
        result={RESULT}
        scenario={scenario}
        ticked={[]}
        onToggle={vi.fn()}
        focusScore
        onFocused={onFocused}
      />,
    );
    const score = screen.getByRole('group', { name: `Score ${RESULT.score} out of 100` });
    expect(document.activeElement).toBe(score);
    expect(onFocused).toHaveBeenCalledTimes(1);
    const b = RESULT.breakdown;
    expect(
      screen.getByText(`Invariants: ${b.invariants.earned}/${b.invariants.max} — ${b.invariants.detail}`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`Roles: ${b.structure.earned}/${b.structure.max} — ${b.structure.detail}`),
    ).toBeInTheDocument();
    expect(b.invariants.detail).toBe(
      `${beh.rows.filter((r) => r.user.holds).length} of ${beh.rows.length} invariants kept`,
    );
  });

  it('shows both designs invariant by invariant: meaning, verdict, total over the seeds, why on the first seed', () => {
    render(<ComparisonView result={RESULT} scenario={scenario} ticked={[]} onToggle={vi.fn()} />);
    expect(
      screen.getByText(
        'Both designs ran on seeds 1, 2, 2,000 events each; counts are summed over the seeds.',
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Invariants side by side' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(beh.rows.length);
    beh.rows.forEach((r, i) => {
      const [what, user, reference] = within(rows[i]!).getAllByRole('cell');
      expect(what!.querySelector('code')).toHaveTextContent(r.invariant);
      expect(what).toHaveTextContent(INVARIANT_DESCRIPTIONS[r.invariant]);
      expect(reference).toHaveTextContent(/^held$/);
      if (r.user.holds) {
        expect(user).toHaveTextContent(/^held$/);
        expect(what).not.toHaveTextContent(/Seed \d+:/);
      } else {
        // Violated on every seed: the total, and no "(violated on …)" qualifier.
        expect(user).toHaveTextContent(new RegExp(`^VIOLATED ${r.user.count.toLocaleString()} in total$`));
        expect(what).toHaveTextContent(`Seed ${r.user.violatedSeeds[0]}: ${r.user.summary}`);
      }
    });
  });

  it('lists what to change, each tied to the invariant it broke, and shows where on the canvas', async () => {
    render(<ComparisonView result={RESULT} scenario={scenario} ticked={[]} onToggle={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'What to change' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(RESULT.gaps.length);
    const user = userEvent.setup();
    for (const [i, g] of RESULT.gaps.entries()) {
      expect(items[i]).toHaveTextContent(`${g.broken ? 'broke' : 'protects'} ${g.invariant}`);
      await user.click(within(items[i]!).getByRole('button', { name: g.message }));
      expect([...useRunOverlay.getState().highlightNodes]).toEqual(g.nodeIds);
    }
    expect(RESULT.gaps.some((g) => g.broken && g.invariant === noDedup.violates)).toBe(true);
  });

  it('marks each key point met or missed for a screen reader too, and lists the probes', () => {
    render(<ComparisonView result={RESULT} scenario={scenario} ticked={[]} onToggle={vi.fn()} />);
    const items = within(screen.getByRole('list', { name: 'Key points' })).getAllByRole('listitem');
    const judged = RESULT.keyPoints.filter((k) => k.type !== 'talking-point');
    expect(items).toHaveLength(judged.length);
    judged.forEach((k, i) => {
      const prefix = k.status === 'met' ? 'Met: ' : k.status === 'missed' ? 'Missed: ' : 'Not judged: ';
      expect(items[i]!.querySelector('.fl-sr-only')).toHaveTextContent(prefix.trim());
      expect(items[i]).toHaveTextContent(k.text);
    });
    expect(judged.filter((k) => k.status === 'missed').map((k) => k.id)).toEqual(
      expect.arrayContaining(RESULT.gaps.map((g) => g.keyPointId)),
    );
    for (const p of scenario.probes) expect(screen.getByText(p)).toBeInTheDocument();
  });

  it('the self-assessment is a set of checkboxes that work from the keyboard and show what is ticked', async () => {
    // A round with four talking points, graded on structure alone (the boxes do not depend on a run).
    const monitoring = getScenario('pipeline-monitoring')!;
    const points = monitoring.keyPoints.filter((k) => k.talkingPoint);
    expect(points.length).toBeGreaterThan(2);
    const graded = gradeAttempt(monitoring, monitoring.reference, { run: false });
    const onToggle = vi.fn();
    const view = (ticked: string[]) => (
      <ComparisonView result={graded} scenario={monitoring} ticked={ticked} onToggle={onToggle} />
    );
    const { rerender } = render(view([]));
    const group = screen.getByRole('group', { name: 'Which of these did you cover? (self-assessment)' });
    const boxes = within(group).getAllByRole('checkbox');
    expect(boxes.map((b) => b.closest('label')?.textContent.trim())).toEqual(points.map((k) => k.text));
    expect(boxes.some((b) => (b as HTMLInputElement).checked)).toBe(false);
    const user = userEvent.setup();
    boxes[2]!.focus();
    await user.keyboard(' ');
    expect(onToggle).toHaveBeenCalledExactlyOnceWith(points[2]!.id);
    rerender(view([points[2]!.id]));
    expect(
      within(group)
        .getAllByRole('checkbox')
        .map((b) => (b as HTMLInputElement).checked),
    ).toEqual(points.map((_, i) => i === 2));
  });

  it('a board that cannot run says why instead of a table, naming each problem by its path', () => {
    const board = {
      ...noDedup.board,
      edges: [...noDedup.board.edges, { id: 'x', source: 'ghost', target: 'q' }],
    };
    const broken = gradeAttempt(scenario, board, { seeds: [1], events: 100 });
    if (broken.behavioural.ok || !('issues' in broken.behavioural))
      throw new Error('expected an invalid board');
    const { message, issues } = broken.behavioural;
    render(<ComparisonView result={broken} scenario={scenario} ticked={[]} onToggle={vi.fn()} />);
    expect(screen.queryByRole('table', { name: 'Invariants side by side' })).toBeNull();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(message.replace(/\s+/g, ' '));
    const listed = within(alert).getAllByRole('listitem');
    expect(listed).toHaveLength(Math.min(10, issues.length));
    issues.slice(0, 10).forEach((issue, i) => {
      expect(listed[i]!.querySelector('code')).toHaveTextContent(issue.path);
      expect(listed[i]).toHaveTextContent(issue.message);
    });
  });
});
