// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runAttack, suggestRepairs } from '../../src/grading/attack';
import { useEditorStore } from '../../src/store/editorStore';
import { useInterviewerStore } from '../../src/store/interviewerStore';
import { useRunStore } from '../../src/store/runStore';
import { createSampleBoard } from '../../src/store/sampleBoard';

/**
 * The interviewer store's hand-offs, with the attack and repair computed here (the store's worker
 * jobs are covered by tests/grading/interviewerWorker.test.ts and the browser test).
 */
describe('interviewer store', () => {
  const board = createSampleBoard();
  const attack = runAttack(board, { invariant: 'usage-billed-exactly-once', events: 1000 });
  const repairs = suggestRepairs(board, {
    plan: attack.plan,
    seed: attack.seed,
    events: attack.events,
    invariant: 'usage-billed-exactly-once',
  }).suggestions;

  it('Load puts the found plan, seed and events into the run panel', () => {
    useEditorStore.getState().loadBoard(board);
    useInterviewerStore.setState({
      status: 'found',
      result: attack,
      revision: useEditorStore.getState().revision,
    });
    useInterviewerStore.getState().load();
    const run = useRunStore.getState();
    expect(run.faultPlan).toEqual(attack.plan);
    expect(run.seed).toBe(attack.seed);
    expect(run.events).toBe(attack.events);
  });

  it('previews a repair as a diff, applies it as one undo step, and refuses a stale one', () => {
    useEditorStore.getState().loadBoard(board);
    const revision = useEditorStore.getState().revision;
    useInterviewerStore.setState({
      status: 'found',
      result: attack,
      revision,
      repairs,
      repairStatus: 'done',
    });
    useInterviewerStore.getState().previewRepair(0);
    const preview = useInterviewerStore.getState().preview!;
    expect(preview.nodes.length + preview.edges.length + preview.changed.size).toBeGreaterThan(0);
    expect(useEditorStore.getState().board.nodes).toHaveLength(board.nodes.length); // a preview changes nothing

    useInterviewerStore.getState().applyRepair(0);
    expect(useEditorStore.getState().board).toEqual(repairs[0]!.board);
    expect(useInterviewerStore.getState().preview).toBeNull();
    useEditorStore.getState().undo();
    expect(useEditorStore.getState().board.nodes.map((n) => n.id)).toEqual(board.nodes.map((n) => n.id));

    // The board changed since the attack: a suggestion for the old board is not applied over it.
    useInterviewerStore.setState({ repairs, revision });
    useEditorStore.getState().updateNode(board.nodes[0]!.id, { label: 'edited' });
    const before = useEditorStore.getState().board;
    useInterviewerStore.getState().applyRepair(0);
    expect(useEditorStore.getState().board).toBe(before);
  });
});

describe('interviewer store on opening another board', () => {
  it('forgets the question, the repairs and the live badges of the board that was open', () => {
    const board = createSampleBoard();
    useEditorStore.getState().loadBoard(board);
    const revision = useEditorStore.getState().revision;
    useInterviewerStore.setState({
      status: 'found',
      result: runAttack(board, { invariant: 'usage-billed-exactly-once', events: 500 }),
      revision,
      live: {
        status: 'done',
        verdicts: [{ id: 'usage-billed-exactly-once', holds: false, summary: 'x' }] as never,
        revision,
        durationMs: 5,
        planSource: 'none',
        error: null,
      },
    });
    // An edit keeps them (the badges go stale until the next check; the question stays).
    useEditorStore.getState().updateNode(board.nodes[0]!.id, { label: 'edited' });
    expect(useInterviewerStore.getState().status).toBe('found');
    expect(useInterviewerStore.getState().live.verdicts).toHaveLength(1);

    useEditorStore.getState().loadBoard({ ...board, title: 'another board' });
    const i = useInterviewerStore.getState();
    expect(i.status).toBe('idle');
    expect(i.result).toBeNull();
    expect(i.live.verdicts).toEqual([]);
  });
});
