import { describeLoadNote } from '../io/json';
import { decodeShareFragment } from '../io/shareLink';
import { useBoardsStore } from '../store/boardsStore';
// The shared board is saved as soon as it opens: the boards store's write side comes with this chunk.
import '../store/boardsWrites';
import { useConfirm } from '../store/confirmStore';
import { useEditorStore } from '../store/editorStore';
import { notify } from '../store/noticeStore';
import { downloadBoardJson } from '../io/download';

function clearFragment() {
  history.replaceState(null, '', location.pathname + location.search);
}

/**
 * Opens a board carried in the URL fragment (`#board=…`) as a new board. A malformed link shows an
 * error and changes nothing; a link that would take the place of a non-empty board asks first.
 */
export async function openSharedBoardFromHash(hash: string = location.hash) {
  const r = decodeShareFragment(hash);
  if (r.ok === 'none') return;
  clearFragment();
  if (!r.ok) {
    notify({ level: 'error', text: r.message });
    return;
  }
  const current = useEditorStore.getState().board;
  if (current.nodes.length > 0) {
    const ok = await useConfirm.getState().ask({
      title: `Open the shared board "${r.board.title}"?`,
      body: `It opens as a new board in place of "${current.title}" on screen; "${current.title}" stays in your Boards menu.`,
      confirmLabel: 'Open shared board',
      extra: { label: 'Download current board', run: () => downloadBoardJson(current) },
    });
    if (!ok) return;
  }
  useBoardsStore.getState().createAndOpen(r.board);
  if (r.report.length)
    notify({
      level: 'warning',
      text: `Opened the shared board with ${r.report.length} repairs.`,
      details: r.report.map(describeLoadNote),
    });
}
