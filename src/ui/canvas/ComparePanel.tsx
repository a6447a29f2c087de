import { useEffect, useRef } from 'react';
import { Panel, useReactFlow, type Viewport } from '@xyflow/react';
import { useCompareStore } from '../../store/compareStore';
import { useEditorStore } from '../../store/editorStore';

/** The legend of the comparison on the canvas: each ghost with its gap and invariant; leave restores the view. */
export default function ComparePanel() {
  const active = useCompareStore((s) => s.active);
  const ghosts = useCompareStore((s) => s.ghosts);
  const title = useCompareStore((s) => s.scenarioTitle);
  const openedAt = useCompareStore((s) => s.boardOpenCount);
  const openCount = useEditorStore((s) => s.openCount);
  const rf = useReactFlow();
  const saved = useRef<Viewport | null>(null);

  useEffect(() => {
    if (!active) return;
    saved.current = rf.getViewport();
    // Ghost nodes are measured a frame or two after they mount; fit once they are.
    const t = setTimeout(() => void rf.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 }), 120);
    return () => clearTimeout(t);
  }, [active, rf]);
  // Another board opened: the comparison was about the previous one.
  useEffect(() => {
    if (active && openCount !== openedAt) useCompareStore.getState().leave();
  }, [active, openCount, openedAt]);

  if (!active) return null;
  const leave = () => {
    useCompareStore.getState().leave();
    if (saved.current) void rf.setViewport(saved.current, { duration: 200 });
  };
  const focusGhost = (id: string) => {
    const n = rf.getNode(id);
    if (n) void rf.setCenter(n.position.x + 90, n.position.y + 30, { zoom: 1.1, duration: 250 });
  };
  return (
    <Panel position="top-right" className="fl-compare-panel">
      <section aria-label="Compare on canvas">
        <div className="fl-row">
          <strong>Reference on your board: {title}</strong>
          <button type="button" className="fl-btn fl-btn-small" onClick={leave}>
            Leave comparison
          </button>
        </div>
        {ghosts.length === 0 ? (
          <p className="fl-ok">Every component of the reference has a counterpart on your board.</p>
        ) : (
          <ul className="fl-compare-list" aria-label="Missing components">
            {ghosts.map((g) => (
              <li key={g.id}>
                <button type="button" className="fl-link" onClick={() => focusGhost(g.id)}>
                  {g.label} ({g.kind})
                </button>
                {g.gap ? (
                  <>
                    {' '}
                    — {g.gap.message}
                    {g.gap.invariant && (
                      <span className={g.gap.broken ? 'fl-bad' : 'fl-muted'}>
                        {' '}
                        · {g.gap.broken ? 'broke' : 'protects'} <code>{g.gap.invariant}</code>
                      </span>
                    )}
                  </>
                ) : (
                  <span className="fl-muted"> — in the reference, not on your board</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Panel>
  );
}
