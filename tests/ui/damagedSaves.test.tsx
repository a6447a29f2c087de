import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyBoard } from '../../src/domain';
import { createMemoryStorage } from '../../src/io/storageAccess';
import { useBoardsStore } from '../../src/store/boardsStore';
// The app loads the boards store's write side just after start; these tests load it up front.
import '../../src/store/boardsWrites';
import { useEditorStore } from '../../src/store/editorStore';
import { useNotices } from '../../src/store/noticeStore';
import { useUiStore } from '../../src/store/uiStore';
import { DamagedSavesDialog } from '../../src/ui/common/DamagedSavesDialog';
import { TopBar } from '../../src/ui/TopBar';
import { useAppCommands } from '../../src/ui/useAppCommands';

/** Downloads are recorded instead of clicking an <a download>. */
const downloads: { name: string; text: string; type: string }[] = [];
vi.mock('../../src/io/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/io/download')>()),
  downloadText: (name: string, text: string, type: string) => downloads.push({ name, text, type }),
}));

const boards = () => useBoardsStore.getState();

/** Opens a board at a given wall-clock time, so that what it sets aside sorts by that time. */
function openAt(id: string, t: number) {
  const clock = vi.spyOn(Date, 'now').mockReturnValue(t);
  try {
    boards().open(id);
  } finally {
    clock.mockRestore();
  }
}

/** The top bar with the app's real boards menu, and the dialog it opens. */
function Harness() {
  const app = useAppCommands();
  return (
    <>
      <TopBar
        commands={[]}
        theme={{ choice: 'system', setChoice: () => undefined }}
        onLayout={() => undefined}
        onHelp={() => undefined}
        app={app}
      />
      <DamagedSavesDialog />
    </>
  );
}

/**
 * Three boards saved in this browser; then two of them are damaged behind the app's back: one was
 * saved by a newer Faultline (still JSON, still titled), one was cut short mid-write.
 */
function damagedBrowser() {
  const storage = createMemoryStorage();
  boards().init(storage);
  const sample = boards().activeId!;
  const newer = boards().createAndOpen(createEmptyBoard('Invoices v2'));
  const cut = boards().createAndOpen(createEmptyBoard('Usage rollup'));
  boards().open(sample);
  const newerRaw = JSON.stringify({
    savedVersion: 3,
    savedAt: 1,
    board: { ...createEmptyBoard('Invoices v2'), version: 99 },
  });
  const cutRaw = storage.getItem(`faultline:board:${cut}`)!.slice(0, 40);
  storage.setItem(`faultline:board:${newer}`, newerRaw);
  storage.setItem(`faultline:board:${cut}`, cutRaw);
  return { storage, sample, newer, cut, newerRaw, cutRaw };
}

beforeEach(() => {
  downloads.length = 0;
  useNotices.setState({ notices: [] });
  useUiStore.setState({ damagedOpen: false });
});

describe('boards store: damaged saves', () => {
  it('lists each save it had to set aside, downloads it exactly as stored, and deletes it on request', () => {
    const { storage, newer, cut, newerRaw, cutRaw } = damagedBrowser();
    expect(boards().damaged).toEqual([]);
    openAt(newer, 1_800_000_000_000);
    openAt(cut, 1_800_000_001_000);
    // Each failure says so, and its notice leads to the list.
    const notice = useNotices.getState().notices.filter((n) => n.level === 'error');
    expect(notice).toHaveLength(2);
    notice[0]!.actions!.find((a) => a.label === 'Damaged saves…')!.run();
    expect(useUiStore.getState().damagedOpen).toBe(true);
    // Neither opened: the sample stays open, and both are set aside, oldest first.
    expect(useEditorStore.getState().board.title).toMatch(/Sample/);
    expect(boards().damaged.map((q) => [q.from, q.raw])).toEqual([
      [`faultline:board:${newer}`, newerRaw],
      [`faultline:board:${cut}`, cutRaw],
    ]);
    const [first, second] = boards().damaged;
    boards().downloadDamaged(first!.key);
    boards().downloadDamaged(second!.key);
    expect(downloads).toEqual([
      { name: `faultline-damaged-${newer}-${first!.at}.json`, text: newerRaw, type: 'application/json' },
      { name: `faultline-damaged-${cut}-${second!.at}.txt`, text: cutRaw, type: 'text/plain' },
    ]);
    boards().deleteDamaged(first!.key);
    expect(boards().damaged.map((q) => q.key)).toEqual([second!.key]);
    expect(storage.getItem(first!.key)).toBeNull();
    // A fresh start finds what is still set aside.
    boards().init(storage);
    expect(boards().damaged.map((q) => q.raw)).toEqual([cutRaw]);
  });

  it('a damaged save found at start-up is listed straight away', () => {
    const { storage, newer, newerRaw } = damagedBrowser();
    const index = JSON.parse(storage.getItem('faultline:index')!) as Record<string, unknown>;
    storage.setItem('faultline:index', JSON.stringify({ ...index, activeId: newer }));
    boards().init(storage);
    expect(boards().damaged.map((q) => q.raw)).toEqual([newerRaw]);
  });
});

describe('Boards menu → Recover damaged saves', () => {
  it('shows what was set aside, downloads it, and deletes only after a second, explicit choice', async () => {
    const { newer, cut, newerRaw, cutRaw } = damagedBrowser();
    const user = userEvent.setup();
    render(<Harness />);
    const boardsButton = screen.getByRole('button', { name: 'Boards' });
    await user.click(boardsButton);
    expect(screen.queryByRole('menuitem', { name: /Recover damaged saves/ })).toBeNull();
    await user.keyboard('{Escape}');

    act(() => {
      openAt(newer, 1_800_000_000_000);
      openAt(cut, 1_800_000_001_000);
    });
    await user.click(boardsButton);
    await user.click(screen.getByRole('menuitem', { name: 'Recover damaged saves (2)' }));

    const dialog = screen.getByRole('dialog', { name: 'Damaged saves' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    const items = within(dialog).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    // The newer version's save still names its board; the cut-short one is named by its id.
    expect(items[0]).toHaveTextContent('Board “Invoices v2”');
    expect(items[0]).toHaveTextContent(/newer/i);
    expect(items[1]).toHaveTextContent(`Board ${cut}`);

    await user.click(within(items[0]!).getByRole('button', { name: 'Download' }));
    expect(downloads).toEqual([expect.objectContaining({ text: newerRaw, type: 'application/json' })]);

    await user.click(within(items[1]!).getByRole('button', { name: 'Delete' }));
    expect(items[1]).toHaveTextContent('Delete it for good?');
    // The safe choice has focus: Enter keeps it.
    expect(document.activeElement).toBe(within(items[1]!).getByRole('button', { name: 'Keep' }));
    await user.keyboard('{Enter}');
    expect(boards().damaged.map((q) => q.raw)).toEqual([newerRaw, cutRaw]);

    await user.click(within(items[1]!).getByRole('button', { name: 'Delete' }));
    await user.click(within(items[1]!).getByRole('button', { name: 'Delete for good' }));
    expect(boards().damaged.map((q) => q.raw)).toEqual([newerRaw]);
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(1);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Damaged saves' })).toBeNull();
    expect(document.activeElement).toBe(boardsButton);
    await user.click(boardsButton);
    expect(screen.getByRole('menuitem', { name: 'Recover damaged saves (1)' })).toBeInTheDocument();
  });
});
