import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVARIANT_DESCRIPTIONS } from '../../src/domain/invariants';
import { runSimulation, type SimResult } from '../../src/sim';
import { useEditorStore } from '../../src/store/editorStore';
import { useRunOverlay } from '../../src/store/runOverlayStore';
import { useRunStore } from '../../src/store/runStore';
import { ResultsView } from '../../src/ui/run/ResultsView';
import { metering } from '../sim/boardBuilder';

/** A metering board with no dedup, its components named as a person would name them. */
const LABELS: Record<string, string> = {
  producer: 'Usage API',
  queue: 'Usage events',
  aggregator: 'Hourly rollup',
  ledger: 'Billing ledger',
};
const BOARD = (() => {
  const b = metering({ dedup: false }).build();
  return { ...b, nodes: b.nodes.map((n) => ({ ...n, label: LABELS[n.id] ?? n.label })) };
})();
/** The real engine on that board with a fifth of deliveries duplicated: the bill over-counts. */
const RESULT: SimResult = runSimulation(BOARD, {
  seed: 1,
  events: 300,
  faultPlan: { faults: [{ kind: 'duplicate', target: '*', fromMs: 0, rate: 0.2 }] },
});
const violated = RESULT.invariants.filter((i) => !i.holds);
const billed = RESULT.invariants.find((i) => i.id === 'usage-billed-exactly-once')!;

const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);

beforeAll(() => {
  // jsdom does not lay out, so it has no scrollIntoView.
  Element.prototype.scrollIntoView = vi.fn();
});
afterEach(() => {
  act(() => useRunStore.getState().reset());
});

describe('ResultsView on a real run', () => {
  it('the run really broke what the test is about (guards the fixtures below)', () => {
    expect(violated.map((i) => i.id)).toEqual(['usage-billed-exactly-once']);
    expect(billed.count).toBeGreaterThan(0);
    expect(billed.examples.length).toBeGreaterThan(1);
  });

  it('shows one row per invariant with its meaning, verdict and count; only the broken one says why', () => {
    useEditorStore.getState().loadBoard(BOARD);
    render(<ResultsView result={RESULT} />);
    const held = RESULT.invariants.length - violated.length;
    expect(screen.getByRole('heading', { name: /^Invariants/ })).toHaveTextContent(
      `${held} of ${RESULT.invariants.length} held · seed 1 · trace ${RESULT.traceHash.slice(0, 10)}`,
    );
    const table = screen.getByRole('table', { name: 'Invariant results' });
    const rows = rowsOf(table);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.querySelector('code')?.textContent)).toEqual(
      RESULT.invariants.map((i) => i.id),
    );
    RESULT.invariants.forEach((inv, n) => {
      const [what, verdict, count] = within(rows[n]!).getAllByRole('cell');
      expect(what).toHaveTextContent(INVARIANT_DESCRIPTIONS[inv.id]);
      expect(verdict).toHaveTextContent(inv.holds ? /^held$/ : /^VIOLATED$/);
      expect(count).toHaveTextContent(new RegExp(`^${inv.count.toLocaleString()}$`));
      if (inv.holds) {
        expect(what).not.toHaveTextContent(inv.summary);
        expect(within(rows[n]!).queryByRole('button')).toBeNull();
      } else expect(what).toHaveTextContent(inv.summary);
    });
    expect(
      screen.getAllByRole('button', { name: /^Explain / }).map((b) => b.getAttribute('aria-label')),
    ).toEqual(violated.map((i) => `Explain ${i.id}`));
  });

  it('Explain (from the keyboard) walks one violating message through the board by name and lights its path', async () => {
    useEditorStore.getState().loadBoard(BOARD);
    render(<ResultsView result={RESULT} />);
    const user = userEvent.setup();
    screen.getByRole('button', { name: 'Explain usage-billed-exactly-once' }).focus();
    await user.keyboard('{Enter}');

    const first = billed.examples[0]!;
    const region = screen.getByRole('region', { name: 'Explanation' });
    expect(within(region).getByRole('heading', { name: `Message ${first.messageId}` })).toBeInTheDocument();
    expect(region).toHaveTextContent(first.detail);
    const steps = within(region).getAllByRole('listitem');
    expect(steps).toHaveLength(first.path.length);
    first.path.forEach((p, i) => {
      // Each step names the component as drawn on the board, never its internal id.
      expect(within(steps[i]!).getByText(LABELS[p.nodeId]!, { selector: 'strong' })).toBeInTheDocument();
      expect(steps[i]).toHaveTextContent(p.action);
      expect(steps[i]).toHaveTextContent(`${(p.tMs / 1000).toFixed(3)} s`);
      if (p.faults.length) expect(steps[i]).toHaveTextContent(`⚡ ${p.faults.join(', ')}`);
    });
    // The injected duplicate is on the path, tagged with the fault that caused it.
    expect(first.path.some((p) => p.faults.some((f) => f.startsWith('duplicate')))).toBe(true);
    expect(region).toHaveTextContent('⚡ duplicate');
    // The canvas lights exactly the nodes and edges on the path.
    expect([...useRunOverlay.getState().highlightNodes].sort()).toEqual(
      [...new Set(first.path.map((p) => p.nodeId))].sort(),
    );
    expect([...useRunOverlay.getState().highlightEdges].sort()).toEqual(
      [...new Set(first.path.flatMap((p) => (p.edgeId ? [p.edgeId] : [])))].sort(),
    );

    // One button per example; the shown one is pressed. The second example replaces the first.
    const picks = within(region).getAllByRole('button', { name: /^#\d+$/ });
    expect(picks).toHaveLength(billed.examples.length);
    expect(picks.map((b) => b.getAttribute('aria-pressed'))).toEqual(
      billed.examples.map((_, i) => String(i === 0)),
    );
    await user.click(picks[1]!);
    const second = billed.examples[1]!;
    expect(within(region).getByRole('heading', { name: `Message ${second.messageId}` })).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: '#2' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(region).getAllByRole('listitem')).toHaveLength(second.path.length);

    await user.click(within(region).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Explanation' })).toBeNull();
    expect(useRunOverlay.getState().highlightNodes.size).toBe(0);
    expect(useRunOverlay.getState().highlightEdges.size).toBe(0);
  });

  it('a run stopped by its event budget says inconclusive for every invariant, never held or VIOLATED', () => {
    const stopped = runSimulation(BOARD, { seed: 1, events: 300, maxEvents: 200, faultPlan: { faults: [] } });
    expect(stopped.stopped?.reason).toBe('event-budget');
    useEditorStore.getState().loadBoard(BOARD);
    render(<ResultsView result={stopped} />);
    const rows = rowsOf(screen.getByRole('table', { name: 'Invariant results' }));
    expect(rows).toHaveLength(stopped.invariants.length);
    for (const row of rows) expect(within(row).getAllByRole('cell')[1]).toHaveTextContent(/^inconclusive$/);
    expect(screen.getByRole('heading', { name: /^Invariants/ })).toHaveTextContent(
      `0 of ${stopped.invariants.length} held`,
    );
  });
});
