import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notify, useNotices } from '../../src/store/noticeStore';
import { Notices } from '../../src/ui/common/Notices';

beforeEach(() => {
  vi.useFakeTimers();
  useNotices.setState({ notices: [] });
});
afterEach(() => vi.useRealTimers());

describe('Notices', () => {
  it('errors and warnings are alerts, information is a status; information and plain warnings fade, errors and sticky ones stay', () => {
    render(<Notices />);
    act(() => {
      notify({ level: 'info', text: 'Imported "Billing" as a new board.' });
      notify({ level: 'warning', text: 'Opened with 2 repairs.' });
      notify({ level: 'warning', sticky: true, text: 'Your browser gives this page no storage.' });
      notify({ level: 'error', text: 'A saved board could not be opened.' });
    });
    expect(screen.getByRole('status')).toHaveTextContent('Imported "Billing" as a new board.');
    expect(screen.getAllByRole('alert').map((a) => a.querySelector('p')?.textContent)).toEqual([
      'Opened with 2 repairs.',
      'Your browser gives this page no storage.',
      'A saved board could not be opened.',
    ]);
    act(() => {
      vi.advanceTimersByTime(5999);
    });
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getAllByRole('alert').map((a) => a.querySelector('p')?.textContent)).toEqual([
      'Your browser gives this page no storage.',
      'A saved board could not be opened.',
    ]);
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(screen.getAllByRole('alert')).toHaveLength(2);
  });

  it('offers its actions and its details, and Dismiss removes only that notice', () => {
    const download = vi.fn();
    render(<Notices />);
    act(() => {
      notify({
        level: 'error',
        text: 'Could not save.',
        actions: [{ label: 'Download board', run: download }],
      });
      notify({
        level: 'warning',
        sticky: true,
        text: 'Imported with repairs.',
        details: ['a: fixed', 'b: fixed'],
      });
    });
    const [save, repairs] = screen.getAllByRole('alert');
    within(save!).getByRole('button', { name: 'Download board' }).click();
    expect(download).toHaveBeenCalledTimes(1);
    expect(within(repairs!).getByText('2 details')).toBeInTheDocument();
    expect(
      within(repairs!)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['a: fixed', 'b: fixed']);
    act(() => within(repairs!).getByRole('button', { name: 'Dismiss' }).click());
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not save.');
  });

  it('shows at most the five latest notices', () => {
    render(<Notices />);
    act(() => {
      for (let i = 1; i <= 7; i++) notify({ level: 'error', text: `problem ${i}` });
    });
    expect(screen.getAllByRole('alert').map((a) => a.querySelector('p')?.textContent)).toEqual([
      'problem 3',
      'problem 4',
      'problem 5',
      'problem 6',
      'problem 7',
    ]);
  });
});
