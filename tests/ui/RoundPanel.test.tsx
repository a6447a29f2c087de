import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getScenario } from '../../src/content/scenarios';
import { INVARIANT_DESCRIPTIONS } from '../../src/domain/invariants';
import { gradeAttempt } from '../../src/grading/grade';
import { HINT_COST } from '../../src/grading/hintCost';
import { createMemoryStorage } from '../../src/io/storageAccess';
import { useBoardsStore } from '../../src/store/boardsStore';
import { useEditorStore } from '../../src/store/editorStore';
import { setGrader, usePracticeStore, type Grader } from '../../src/store/practiceStore';
import { ConfirmDialog } from '../../src/ui/common/ConfirmDialog';
import RoundPanel from '../../src/ui/round/RoundPanel';

const scenario = getScenario('metering-pipeline')!;
const noDedup = scenario.wrongVariants.find((w) => w.id === 'no-dedup')!;

/** The real grader on two seeds of the round's faults (the worker would use more events; same code). */
const calls: { board: unknown; hintsUsed: number | undefined }[] = [];
const realGrader: Grader = (req, onProgress) => {
  calls.push({ board: req.board, hintsUsed: req.hintsUsed });
  return Promise.resolve(
    gradeAttempt(scenario, req.board, {
      seeds: [1, 2],
      events: 2000,
      tickedTalkingPoints: req.tickedTalkingPoints,
      hintsUsed: req.hintsUsed,
      ...(onProgress ? { onProgress } : {}),
    }),
  );
};

function Round() {
  return (
    <>
      <RoundPanel />
      <ConfirmDialog />
    </>
  );
}

/** Picks the metering round from the list, as a user would. */
async function startRound(user: ReturnType<typeof userEvent.setup>) {
  const picker = screen.getByRole('region', { name: 'Scenarios' });
  await user.click(within(picker).getByRole('button', { name: `Start ${scenario.title}` }));
  return screen.getByRole('heading', { level: 2, name: scenario.title });
}

beforeAll(() => {
  // jsdom does not lay out, so it has no scrollIntoView.
  Element.prototype.scrollIntoView = vi.fn();
});
beforeEach(() => {
  localStorage.clear();
  calls.length = 0;
  useBoardsStore.getState().init(createMemoryStorage());
  usePracticeStore.setState({ attempts: {} });
  usePracticeStore.getState().end();
  setGrader(realGrader);
});
afterAll(() => setGrader(null));

describe('RoundPanel: a practice round as a user plays it', () => {
  it('starts from the list on a board of its own, with the question, requirements and focus on the title', async () => {
    const user = userEvent.setup();
    const before = useBoardsStore.getState().activeId;
    render(<Round />);
    const title = await startRound(user);
    expect(document.activeElement).toBe(title);
    expect(useBoardsStore.getState().activeId).not.toBe(before);
    expect(useEditorStore.getState().board.scenario).toBe(scenario.id);
    expect(screen.getByText(scenario.prompt)).toBeInTheDocument();
    const reqs = screen
      .getAllByRole('listitem')
      .filter((li) => li.closest('.fl-requirements'))
      .map((li) => li.textContent);
    expect(reqs).toEqual(scenario.invariants.map((id) => `${id} — ${INVARIANT_DESCRIPTIONS[id]}`));
    expect(screen.getByRole('timer', { name: 'Round timer' })).toBeInTheDocument();
    // The key points and the reference stay hidden until Submit.
    expect(screen.queryByRole('region', { name: 'Comparison' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Key points' })).toBeNull();
  });

  it('hints come one at a time and say what they cost', async () => {
    const user = userEvent.setup();
    render(<Round />);
    await startRound(user);
    expect(screen.getByText(/Each hint costs 3 points of the score \(at most 9\)\./)).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', {
        name: `Show hint 1 of ${scenario.hints.length} (costs ${HINT_COST} points)`,
      }),
    );
    expect(screen.getByText(scenario.hints[0]!)).toBeInTheDocument();
    expect(screen.queryByText(scenario.hints[1]!)).toBeNull();
    expect(screen.getByText(`Hints used so far cost ${HINT_COST} points.`)).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: `Show hint 2 of ${scenario.hints.length} (costs ${HINT_COST} points)`,
      }),
    ).toBeInTheDocument();
  });

  it('Submit grades the board on screen, moves focus to the score, and records the attempt with its hints', async () => {
    const user = userEvent.setup();
    render(<Round />);
    await startRound(user);
    // The candidate draws the known-wrong design (no dedup) and writes what they would say.
    act(() => useEditorStore.getState().loadBoard({ ...noDedup.board, scenario: scenario.id }));
    await user.type(
      screen.getByRole('textbox', { name: 'Your notes: what you would say' }),
      'At least once in.',
    );
    await user.click(screen.getByRole('button', { name: /^Show hint 1 of/ }));
    await user.click(screen.getByRole('button', { name: 'Submit' }));

    const result = usePracticeStore.getState().result!;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ board: { edges: noDedup.board.edges }, hintsUsed: 1 });
    const score = await screen.findByRole('group', { name: `Score ${result.score} out of 100` });
    expect(document.activeElement).toBe(score);
    expect(screen.getByText(`Hints: −${HINT_COST}`)).toBeInTheDocument();
    // The verdict the user sees is the one the grade computed for the invariant this design breaks.
    const table = screen.getByRole('table', { name: 'Invariants side by side' });
    const row = within(table)
      .getAllByRole('row')
      .find((r) => r.querySelector('code')?.textContent === noDedup.violates)!;
    const col = result.behavioural.ok
      ? result.behavioural.rows.find((r) => r.invariant === noDedup.violates)!.user
      : null;
    expect(col?.holds).toBe(false);
    expect(within(row).getAllByRole('cell')[1]).toHaveTextContent(
      `VIOLATED ${col!.count.toLocaleString()} in total`,
    );
    // Hints are over once submitted; Submit becomes Submit again.
    expect(screen.queryByRole('button', { name: /^Show hint/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Submit again' })).toBeEnabled();

    // The attempt is in the history, collapsed until asked for.
    const history = screen.getByRole('button', { name: 'Attempts (1)' });
    expect(history).toHaveAttribute('aria-expanded', 'false');
    await user.click(history);
    const attempts = screen.getByRole('table', { name: 'Attempts' });
    const [, first] = within(attempts).getAllByRole('row');
    const cells = within(first!).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent(new RegExp(`^${result.score}$`));
    expect(cells[2]).toHaveTextContent(/^1$/);
    expect(usePracticeStore.getState().attempts[scenario.id]).toEqual([
      expect.objectContaining({ score: result.score, hintsUsed: 1, notes: 'At least once in.' }),
    ]);

    // Ticking the talking point re-scores the same attempt without a new simulation.
    const box = within(screen.getByRole('group', { name: /Which of these did you cover/ })).getByRole(
      'checkbox',
    );
    await user.click(box);
    await vi.waitFor(() => expect(usePracticeStore.getState().result!.score).toBeGreaterThan(result.score));
    const rescored = usePracticeStore.getState().result!.score;
    expect(await screen.findByRole('group', { name: `Score ${rescored} out of 100` })).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(within(screen.getByRole('table', { name: 'Attempts' })).getAllByRole('row')).toHaveLength(2);
    expect(usePracticeStore.getState().attempts[scenario.id]?.map((a) => a.score)).toEqual([rescored]);
  });

  it('opening the reference before Submit asks first; yes marks the attempt, and Submit grades the round board', async () => {
    const user = userEvent.setup();
    render(<Round />);
    await startRound(user);
    const roundBoard = useBoardsStore.getState().activeId;
    await user.click(screen.getByRole('button', { name: 'Open reference design…' }));
    const ask = screen.getByRole('alertdialog', { name: 'Open the reference design now?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(useBoardsStore.getState().activeId).toBe(roundBoard);
    expect(screen.queryByText(/Reference viewed before Submit/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Open reference design…' }));
    await user.click(screen.getByRole('button', { name: 'Open reference' }));
    await vi.waitFor(() =>
      expect(useEditorStore.getState().board.title).toBe(`Reference: ${scenario.title}`),
    );
    expect(
      screen.getByText('Reference viewed before Submit: this attempt is marked so.'),
    ).toBeInTheDocument();

    expect(screen.getByRole('button', { name: 'Back to my board' })).toBeInTheDocument();

    // Submit from the reference grades the round's own board, not the reference, and goes back to it.
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await screen.findByRole('region', { name: 'Comparison' });
    expect(calls.map((c) => (c.board as { title: string }).title)).toEqual([`Practice: ${scenario.title}`]);
    expect(useBoardsStore.getState().activeId).toBe(roundBoard);
    expect(screen.queryByRole('button', { name: 'Back to my board' })).toBeNull();
    expect(usePracticeStore.getState().attempts[scenario.id]).toEqual([
      expect.objectContaining({ referenceViewed: true }),
    ]);
  });

  it('a grading failure is shown, and End round returns to the list', async () => {
    setGrader(() => Promise.reject(new Error('the grading worker crashed')));
    const user = userEvent.setup();
    render(<Round />);
    await startRound(user);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Grading failed: the grading worker crashed');
    expect(screen.getByRole('button', { name: 'Submit' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'End round' }));
    expect(screen.getByRole('region', { name: 'Scenarios' })).toBeInTheDocument();
  });
});
