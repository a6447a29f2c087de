import { useState, type ReactNode } from 'react';
import { useUiStore, type SideTab } from '../store/uiStore';
import { ErrorBoundary } from './common/ErrorBoundary';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'run', label: 'Run' },
  { id: 'round', label: 'Round' },
];

/** The right-hand panel: the selection's inspector, the run panel, the practice round. Collapsible. */
export function SidePanel({
  inspector,
  run,
  round,
}: {
  inspector: ReactNode;
  run?: ReactNode;
  round?: ReactNode;
}) {
  const tab = useUiStore((s) => s.sideTab);
  const setTab = useUiStore((s) => s.setSideTab);
  const [collapsed, setCollapsed] = useState(false);
  if (collapsed) {
    return (
      <button
        type="button"
        className="fl-btn fl-panel-expand"
        aria-label="Show side panel"
        onClick={() => setCollapsed(false)}
      >
        ‹
      </button>
    );
  }
  return (
    <div className="fl-side">
      <div className="fl-tabs" role="tablist" aria-label="Side panel">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            className="fl-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
        <button
          type="button"
          className="fl-btn fl-btn-small"
          aria-label="Hide side panel"
          onClick={() => setCollapsed(true)}
        >
          ›
        </button>
      </div>
      <div className="fl-side-body" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <ErrorBoundary
          key={tab}
          fallback={(e, reset) => (
            <div className="fl-notice fl-notice-error" role="alert">
              <p>This panel stopped: {e.message}. The board is intact.</p>
              <button type="button" className="fl-btn fl-btn-small" onClick={reset}>
                Try again
              </button>
            </div>
          )}
        >
          {tab === 'inspector' ? inspector : tab === 'run' ? run : round}
        </ErrorBoundary>
      </div>
    </div>
  );
}
