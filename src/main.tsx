import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App';
import { useBoardsStore } from './store/boardsStore';
import { runAfter } from './store/runStore';
import { installAutomation } from './ui/automation';
import { bindFlushOnHide } from './io/pageLifecycle';

useBoardsStore.getState().init();
// Run results and fault plans belong to their board (./store/boardRuns): wired right after the first
// board opens, which then gets its fault plan. The first paint does not need it; a Run waits for it.
runAfter(import('./store/boardRuns').then((m) => m.installBoardRuns()));
installAutomation();

// A pending save is written when the tab is hidden or closed (docs/reliability.md #22).
bindFlushOnHide(() => useBoardsStore.getState().flush());
// A share link's decoder (lz-string) loads only when the URL carries a board.
const openShared = () => {
  if (/(^#|&)board=/.test(location.hash))
    void import('./ui/shareOnLoad').then((m) => m.openSharedBoardFromHash());
};
window.addEventListener('hashchange', openShared);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
openShared();
