import { useRef, type ReactNode } from 'react';
import { clampSideWidth, SIDE_MAX_PX, SIDE_MIN_PX, useUiStore, type SideTab } from '../store/uiStore';
import { ErrorBoundary } from './common/ErrorBoundary';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'run', label: 'Run' },
  { id: 'round', label: 'Round' },
];

/**
 * The right-hand panel: the selection's inspector, the run panel, the practice round. Resizable by
 * dragging (or arrow keys on) its left edge; collapsible; below 1100 px it floats over the canvas.
 */
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
  const open = useUiStore((s) => s.sideOpen);
  const width = useUiStore((s) => s.sideWidth);
  const tabRefs = useRef<Partial<Record<SideTab, HTMLButtonElement | null>>>({});
  if (!open) {
    return (
      <button
        type="button"
        className="fl-btn fl-panel-expand"
        aria-label="Show side panel"
        onClick={() => useUiStore.getState().setSideOpen(true)}
      >
        ‹
      </button>
    );
  }
  const onTabKey = (e: React.KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next.id);
    tabRefs.current[next.id]?.focus();
  };
  return (
    <div className="fl-side" style={{ '--side-width': `${width}px` } as React.CSSProperties}>
      <ResizeHandle width={width} />
      <div className="fl-tabs-row">
        {/* The tabs inside take focus (roving tabindex); the tablist only hears their arrow keys. */}
        {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
        <div className="fl-tabs" role="tablist" aria-label="Side panel" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`tabpanel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className="fl-tab"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="fl-btn fl-btn-small"
          aria-label="Hide side panel"
          onClick={() => useUiStore.getState().setSideOpen(false)}
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

/** The panel's left edge: drag to resize, or focus it and use the arrow keys (Home/End for the limits). */
function ResizeHandle({ width }: { width: number }) {
  const set = useUiStore.getState().setSideWidth;
  // A focusable separator is the WAI-ARIA window-splitter pattern (an interactive widget), which
  // jsx-a11y reads as a static separator.
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      className="fl-side-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize side panel"
      aria-valuenow={width}
      aria-valuemin={SIDE_MIN_PX}
      aria-valuemax={SIDE_MAX_PX}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- the splitter is operable by keyboard
      tabIndex={0}
      onPointerDown={(e) => {
        const startX = e.clientX;
        const startW = width;
        const el = e.currentTarget;
        el.setPointerCapture(e.pointerId);
        const move = (ev: PointerEvent) => set(clampSideWidth(startW + (startX - ev.clientX)));
        const up = () => {
          el.removeEventListener('pointermove', move);
          el.removeEventListener('pointerup', up);
        };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 80 : 20;
        if (e.key === 'ArrowLeft') set(width + step);
        else if (e.key === 'ArrowRight') set(width - step);
        else if (e.key === 'Home') set(SIDE_MIN_PX);
        else if (e.key === 'End') set(SIDE_MAX_PX);
        else return;
        e.preventDefault();
      }}
    />
  );
}
