import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../../src/io/storageAccess';
import { useBoardsStore } from '../../src/store/boardsStore';
// The app loads the boards store's write side just after start; these tests load it up front.
import '../../src/store/boardsWrites';
import { useEditorStore } from '../../src/store/editorStore';
import { useNotices } from '../../src/store/noticeStore';

const boards = () => useBoardsStore.getState();
const editor = () => useEditorStore.getState();

beforeEach(() => {
  vi.useFakeTimers();
  useNotices.setState({ notices: [] });
});

describe('boards store', () => {
  it('first start opens and saves the sample board', () => {
    const storage = createMemoryStorage();
    boards().init(storage);
    expect(editor().board.title).toMatch(/Sample/);
    expect(boards().boards).toHaveLength(1);
    expect(storage.getItem(`faultline:board:${boards().activeId}`)).toContain('usage-events');
  });

  it('autosaves edits (throttled) and restores them on the next start', () => {
    const storage = createMemoryStorage();
    boards().init(storage);
    editor().addNode('dedup', { x: 0, y: 300 });
    boards().flush();
    boards().init(storage);
    expect(editor().board.nodes.map((n) => n.kind)).toContain('dedup');
  });

  it('new, open, duplicate and remove keep each board separate', () => {
    const storage = createMemoryStorage();
    boards().init(storage);
    const first = boards().activeId!;
    boards().newBoard();
    expect(editor().board.nodes).toHaveLength(0);
    editor().addNode('ledger', { x: 0, y: 0 });
    boards().open(first);
    expect(editor().board.nodes).toHaveLength(4);
    boards().duplicate(first);
    expect(boards().boards).toHaveLength(3);
    expect(editor().board.title).toMatch(/\(copy\)$/);
    boards().remove(boards().activeId!);
    expect(boards().boards).toHaveLength(2);
    const second = boards().boards.find((b) => b.id !== first)!;
    boards().open(second.id);
    expect(editor().board.nodes.map((n) => n.kind)).toEqual(['ledger']);
  });

  it('a corrupt saved board is set aside, reported, and the app still opens (reliability #18)', () => {
    const storage = createMemoryStorage();
    boards().init(storage);
    const id = boards().activeId!;
    storage.setItem(`faultline:board:${id}`, 'not json at all {');
    boards().init(storage);
    const quarantined = Object.entries(storage.dump()).filter(([k]) => k.startsWith('faultline:quarantine:'));
    expect(quarantined.map(([, v]) => v).join()).toContain('not json at all {');
    const n = useNotices.getState().notices.find((x) => x.level === 'error');
    expect(n?.text).toMatch(/could not be opened/);
    expect(n?.actions?.map((a) => a.label)).toContain('Download raw data');
    expect(editor().board.nodes.length).toBeGreaterThan(0);
  });

  it('no storage: works in memory and says so (reliability #19)', () => {
    boards().init(null);
    expect(boards().persistent).toBe(false);
    expect(useNotices.getState().notices.some((n) => /aren't saved/.test(n.text))).toBe(true);
    editor().addNode('queue', { x: 0, y: 0 });
    expect(() => boards().flush()).not.toThrow();
  });

  it('quota exceeded: the board stays in memory, a banner offers a download, nothing throws (reliability #20)', () => {
    const storage = createMemoryStorage({ quotaChars: 4000 });
    boards().init(storage);
    expect(storage.dump()[`faultline:board:${boards().activeId}`]).toBeDefined();
    for (let i = 0; i < 40; i++) editor().addNode('worker', { x: i * 10, y: 0 });
    expect(() => boards().flush()).not.toThrow();
    expect(editor().board.nodes.length).toBe(44);
    const n = useNotices.getState().notices.find((x) => /storage is full/.test(x.text));
    expect(n?.actions?.[0]?.label).toBe('Download board');
  });
});
