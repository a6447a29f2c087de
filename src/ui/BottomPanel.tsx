import { useUiStore } from '../store/uiStore';

/** The timeline strip under the canvas (throughput, duplicates, late, errors; replay scrubber). */
export function BottomPanel({ children }: { children?: React.ReactNode }) {
  const open = useUiStore((s) => s.timelineOpen);
  const setOpen = useUiStore((s) => s.setTimelineOpen);
  return (
    <section className={`fl-bottom${open ? '' : ' is-collapsed'}`} aria-label="Timeline">
      <div className="fl-bottom-head">
        <h2 className="fl-panel-title">Timeline</h2>
        <button
          type="button"
          className="fl-btn fl-btn-small"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      {open && (
        <div className="fl-bottom-body">
          {children ?? (
            <p className="fl-muted">
              Run the board to see throughput, duplicates, late events and errors over virtual time.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
