import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getScenario } from '../../src/content/scenarios';
import { createEmptyBoard } from '../../src/domain';
import { gradeAttempt } from '../../src/grading/grade';
import { useConfirm } from '../../src/store/confirmStore';
import { useEditorStore } from '../../src/store/editorStore';
import { useRunStore } from '../../src/store/runStore';
import { ConfirmDialog } from '../../src/ui/common/ConfirmDialog';
import { Inspector } from '../../src/ui/inspector/Inspector';
import { ComparisonView } from '../../src/ui/round/ComparisonView';
import { RunAnnouncer, runOutcomeMessage } from '../../src/ui/run/RunAnnouncer';
import { timelineEndMs } from '../../src/ui/run/Timeline';

const editor = () => useEditorStore.getState();

describe('Inspector: Connect to', () => {
  beforeEach(() => {
    editor().loadBoard(createEmptyBoard('t'));
  });

  it('lists the other components by label and adds an edge from the selected one', async () => {
    const a = editor().addNode('producer', { x: 0, y: 0 });
    const b = editor().addNode('queue', { x: 200, y: 0 });
    editor().addNode('aggregator', { x: 400, y: 0 });
    editor().updateNode(a, { label: 'api' });
    editor().updateNode(b, { label: 'events' });
    editor().setSelection([a], []);
    render(<Inspector />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Connect to' }));
    const menu = screen.getByRole('menu', { name: 'Connect to' });
    const names = within(menu)
      .getAllByRole('menuitem')
      .map((m) => m.textContent);
    expect(names).toEqual(['events', 'Aggregator']);
    await user.keyboard('{Enter}');
    expect(editor().board.edges).toEqual([expect.objectContaining({ source: a, target: b })]);
    // Focus returns to the menu button; the connection is listed and the target can't be chosen twice.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Connect to' }));
    expect(screen.getByRole('list', { name: 'Connections' }).textContent).toContain('to events');
    await user.click(screen.getByRole('button', { name: 'Connect to' }));
    expect(screen.getByRole('menuitem', { name: 'events' })).toBeDisabled();
  });
});

describe('ComparisonView', () => {
  const scenario = getScenario('metering-pipeline')!;
  it('offers the talking points as a self-assessment, shows meanings and says which seeds counts cover', () => {
    const result = gradeAttempt(scenario, scenario.reference, {
      run: () => ({
        invariants: scenario.invariants.map((id) => ({
          id,
          holds: id !== 'no-event-lost',
          count: 7,
          summary: 's',
        })),
      }),
      applies: false,
      seeds: [1, 2],
      events: 100,
    });
    const onToggle = vi.fn();
    // jsdom does not lay out, so it has no scrollIntoView.
    Element.prototype.scrollIntoView = vi.fn();
    render(<ComparisonView result={result} scenario={scenario} ticked={[]} onToggle={onToggle} focusScore />);
    expect(document.activeElement).toBe(screen.getByTestId('round-score'));
    const self = screen.getByRole('group', { name: /Which of these did you cover/ });
    const boxes = within(self).getAllByRole('checkbox');
    expect(boxes).toHaveLength(scenario.keyPoints.filter((k) => k.talkingPoint).length);
    fireEvent.click(boxes[0]!);
    expect(onToggle).toHaveBeenCalledTimes(1);
    const table = screen.getByRole('table', { name: 'Invariants side by side' });
    expect(table.textContent).toContain('Every produced event is billed');
    expect(screen.getByText(/ran on seeds 1, 2, 100 events each/)).toBeInTheDocument();
    expect(table.textContent).toMatch(/VIOLATED\s*14 in total/);
  });
});

describe('ConfirmDialog', () => {
  it('starts on Cancel, keeps Tab inside, and gives focus back on close', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    render(<ConfirmDialog />);
    let answer: Promise<boolean> | undefined;
    act(() => {
      answer = useConfirm.getState().ask({ title: 'Delete?', body: 'Gone.', confirmLabel: 'Delete' });
    });
    expect(document.activeElement?.textContent).toBe('Cancel');
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Delete');
    await user.tab({ shift: true });
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user.keyboard('{Escape}');
    expect(await answer).toBe(false);
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

describe('RunAnnouncer', () => {
  it('speaks once when a run finishes, not while it computes or replays', () => {
    render(<RunAnnouncer />);
    const region = screen.getByRole('status');
    act(() => useRunStore.setState({ computing: true, result: null }));
    expect(region.textContent).toBe('');
    const result = {
      invariants: [{ holds: true }, { holds: false }, { holds: true }],
    } as never;
    act(() => useRunStore.setState({ computing: false, result }));
    expect(region.textContent).toBe('Run finished: 2 of 3 invariants held.');
    act(() => useRunStore.setState({ cursorMs: 500 }));
    expect(region.textContent).toBe(
      runOutcomeMessage({ invariants: [{ holds: true }, { holds: false }, { holds: true }] }),
    );
  });
});

describe('timeline end', () => {
  it('ends one bucket after the last bucket with anything in it', () => {
    const bucket = (tMs: number, throughput: number) => ({
      tMs,
      throughput,
      late: 0,
      duplicates: 0,
      errors: 0,
    });
    const timeline = [bucket(0, 5), bucket(100, 5), bucket(200, 0), bucket(300, 0)];
    expect(timelineEndMs({ timeline, virtualMs: 400 })).toBe(200);
    expect(timelineEndMs({ timeline: [bucket(0, 0)], virtualMs: 400 })).toBe(400);
  });
});
