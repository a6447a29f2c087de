import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useEditorStore } from '../../src/store/editorStore';
import { useRunStore } from '../../src/store/runStore';
import { FaultPlanEditor } from '../../src/ui/run/FaultPlanEditor';
import { metering } from '../sim/boardBuilder';

const faults = () => useRunStore.getState().faultPlan.faults;
const field = (name: string) => screen.getByRole<HTMLInputElement>('textbox', { name });

beforeEach(() => {
  useEditorStore.getState().loadBoard(metering().build());
  useRunStore.getState().setFaults([]);
  useRunStore.getState().setEvents(10_000);
});
afterEach(() => act(() => useRunStore.getState().setFaults([])));

describe('FaultPlanEditor', () => {
  it('adds a preset and a fault from the lists, each as a labelled item with its own fields', async () => {
    const user = userEvent.setup();
    render(<FaultPlanEditor />);
    expect(screen.getByText(/No faults: the run shows the happy path/)).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a preset' }), 'at-least-once');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a fault' }), 'late');
    expect(faults().map((f) => f.kind)).toEqual(['duplicate', 'late']);
    const items = within(screen.getByRole('group', { name: 'Fault plan' })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('aria-label'))).toEqual(['Fault 1: duplicate', 'Fault 2: late']);
    expect(field('Fault 1 Rate').value).toBe('0.01');
    expect(field('Fault 2 Delay (ms)')).toBeInTheDocument();
    expect(screen.queryByText(/No faults/)).toBeNull();
  });

  it('a typed value reaches the plan only when valid; an invalid one is marked and changes nothing', async () => {
    const user = userEvent.setup();
    render(<FaultPlanEditor />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a preset' }), 'at-least-once');
    const rate = field('Fault 1 Rate');
    await user.clear(rate);
    await user.type(rate, '0.2');
    expect(faults()[0]).toMatchObject({ rate: 0.2 });
    expect(rate).toHaveAttribute('aria-invalid', 'false');
    await user.clear(rate);
    await user.type(rate, '3');
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(faults()[0]).toMatchObject({ rate: 0.2 });
    // An optional end left empty means "to the end of the run".
    const to = field('Fault 1 To (ms)');
    await user.type(to, '5000');
    expect(faults()[0]).toMatchObject({ toMs: 5000 });
    await user.clear(to);
    expect(faults()[0]!).not.toHaveProperty('toMs', 5000);
    expect(to).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('targets are named as drawn: every kind, each component by label, each connection by its ends', async () => {
    const user = userEvent.setup();
    render(<FaultPlanEditor />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a fault' }), 'partition');
    const target = screen.getByRole('combobox', { name: 'Fault 1 target' });
    const labels = within(target)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(labels).toEqual(expect.arrayContaining(['Everywhere (*)', 'queue (queue)', 'queue → dedup']));
    await user.selectOptions(target, 'queue->dedup');
    expect(faults()[0]).toMatchObject({ kind: 'partition', target: 'queue->dedup' });
  });

  it('removing a fault shows the next one with its own values, not the removed one’s', async () => {
    const user = userEvent.setup();
    render(<FaultPlanEditor />);
    act(() =>
      useRunStore.getState().setFaults([
        { kind: 'duplicate', target: '*', fromMs: 0, rate: 0.01 },
        { kind: 'duplicate', target: '*', fromMs: 2000, rate: 0.3 },
      ]),
    );
    expect(field('Fault 2 Rate').value).toBe('0.3');
    await user.click(screen.getByRole('button', { name: 'Remove fault 1' }));
    expect(faults()).toEqual([{ kind: 'duplicate', target: '*', fromMs: 2000, rate: 0.3 }]);
    expect(field('Fault 1 Rate').value).toBe('0.3');
    expect(field('Fault 1 From (ms)').value).toBe('2000');
  });

  it('a plan replaced from outside (another board opened) shows its own values in every field', () => {
    render(<FaultPlanEditor />);
    act(() =>
      useRunStore
        .getState()
        .setFaults([{ kind: 'outage', target: 'queue', fromMs: 1000, toMs: 2000, rate: 1 }]),
    );
    expect(field('Fault 1 From (ms)').value).toBe('1000');
    act(() =>
      useRunStore.getState().setFaults([{ kind: 'outage', target: 'ledger', fromMs: 7000, rate: 0.5 }]),
    );
    expect(field('Fault 1 From (ms)').value).toBe('7000');
    expect(field('Fault 1 To (ms)').value).toBe('');
    expect(screen.getByRole('combobox', { name: 'Fault 1 target' })).toHaveValue('ledger');
  });
});
