import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyBoard } from '../../src/domain';

/**
 * The boards store reads storage itself and loads its write side (src/store/boardsWrites.ts) just
 * after start. Each test starts from fresh modules, so the write side is not loaded yet.
 */
async function freshApp() {
  vi.resetModules();
  const { useBoardsStore, loadBoardWrites } = await import('../../src/store/boardsStore');
  const { useEditorStore } = await import('../../src/store/editorStore');
  const { createMemoryStorage } = await import('../../src/io/storageAccess');
  const { createBoardStorage } = await import('../../src/io/boardStorage');
  return {
    boards: useBoardsStore.getState,
    editor: useEditorStore.getState,
    loadBoardWrites,
    createMemoryStorage,
    createBoardStorage,
  };
}

beforeEach(() => {
  vi.useRealTimers();
});

describe('boards store before its write side has loaded', () => {
  it('shows the first board at once; the sample and the edits made meanwhile are written when it arrives', async () => {
    const app = await freshApp();
    const storage = app.createMemoryStorage();
    app.boards().init(storage);
    const id = app.boards().activeId!;
    expect(app.editor().board.title).toMatch(/Sample/);
    expect(storage.getItem(`faultline:board:${id}`)).toBeNull();
    app.editor().addNode('dedup', { x: 0, y: 300 });
    expect(() => app.boards().flush()).not.toThrow();
    await app.loadBoardWrites();
    expect(storage.getItem(`faultline:board:${id}`)).toContain('usage-events');
    app.boards().flush();
    expect(storage.getItem(`faultline:board:${id}`)).toContain('"dedup"');
  });

  it('a board opened meanwhile opens after the pending save of the one it replaces', async () => {
    const app = await freshApp();
    const storage = app.createMemoryStorage();
    const repo = app.createBoardStorage(storage);
    repo.saveBoard('a', createEmptyBoard('A'));
    repo.saveBoard('b', createEmptyBoard('B'));
    repo.saveIndex({ version: 1, boards: [], activeId: 'a' });
    app.boards().init(storage);
    expect(app.editor().board.title).toBe('A');
    app.editor().addNode('ledger', { x: 0, y: 0 });
    app.boards().open('b');
    expect(app.boards().activeId).toBe('a');
    await app.loadBoardWrites();
    expect(app.boards().activeId).toBe('b');
    expect(app.editor().board.title).toBe('B');
    expect(storage.getItem('faultline:board:a')).toContain('"ledger"');
    expect(storage.getItem('faultline:board:b')).not.toContain('"ledger"');
  });
});
