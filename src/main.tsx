import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App';
import { useEditorStore } from './store/editorStore';
import { createSampleBoard } from './store/sampleBoard';
import { installAutomation } from './ui/automation';

useEditorStore.getState().loadBoard(createSampleBoard());
installAutomation();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
