import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App';
import { useBoardsStore } from './store/boardsStore';
import { installBoardRuns } from './store/boardRuns';
import { installAutomation } from './ui/automation';
import { bindFlushOnHide } from './io/pageLifecycle';

// Run results and fault plans belong to their board: wired before the first board opens.
installBoardRuns();
useBoardsStore.getState().init();
installAutomation();

// A pending save is written when the tab is hidden or closed (reliability.md #22).
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
