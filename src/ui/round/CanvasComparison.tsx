import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useReactFlow, ViewportPortal, type Viewport } from '@xyflow/react';
import { getDisplayName } from '../../domain';
import { useCompareStore } from '../../store/compareStore';
import { useEditorStore } from '../../store/editorStore';
import './canvasComparison.css';

const GHOST = { width: 180, height: 78 };

/**
 * Compare on canvas, drawn over the board: the reference's missing components as dashed ghosts in
 * board coordinates (React Flow's ViewportPortal — they are not nodes and never enter the document),
 * dashed reference connections to them, and a legend linking each ghost to its gap and invariant.
 * Lives in the round's chunk, so a board that is never graded loads none of it.
 */
export function CanvasComparison() {
  const active = useCompareStore((s) => s.active);
  // Leaving the round panel (another tab, the round ended) leaves the view.
  useEffect(() => () => useCompareStore.getState().leave(), []);
  return active ? <ComparisonOverlay /> : null;
}

/** Rendered only while comparing (it needs the canvas's React Flow instance). */
function ComparisonOverlay() {
  const ghosts = useCompareStore((s) => s.ghosts);
  const ghostEdges = useCompareStore((s) => s.ghostEdges);
  const title = useCompareStore((s) => s.scenarioTitle);
  const openedAt = useCompareStore((s) => s.boardOpenCount);
  const openCount = useEditorStore((s) => s.openCount);
  const board = useEditorStore((s) => s.board);
  const rf = useReactFlow();
  const saved = useRef<Viewport | null>(null);

  // On opening: remember the view (restored on leaving), then show the board and its ghosts.
  useEffect(() => {
    saved.current = rf.getViewport();
    const { ghosts: g } = useCompareStore.getState();
    const ids = useEditorStore.getState().board.nodes.map((n) => ({ id: n.id }));
    const xs = g.map((x) => x.position.x);
    if (xs.length === 0) void rf.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200, nodes: ids });
    else {
      const bounds = rf.getNodesBounds(ids.map((n) => n.id));
      const minX = Math.min(bounds.x, ...xs);
      const minY = Math.min(bounds.y, ...g.map((x) => x.position.y));
      const maxX = Math.max(bounds.x + bounds.width, ...xs.map((x) => x + GHOST.width));
      const maxY = Math.max(bounds.y + bounds.height, ...g.map((x) => x.position.y + GHOST.height));
      void rf.fitBounds(
        { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
        { padding: 0.15, duration: 200 },
      );
    }
  }, [rf]);
  // Another board opened: the comparison was about the previous one.
  useEffect(() => {
    if (openCount !== openedAt) useCompareStore.getState().leave();
  }, [openCount, openedAt]);
  const leave = () => {
    useCompareStore.getState().leave();
    if (saved.current) void rf.setViewport(saved.current, { duration: 200 });
  };
  const centreOf = (id: string): { x: number; y: number; w: number; h: number } | null => {
    const g = ghosts.find((x) => x.id === id);
    if (g) return { ...g.position, w: GHOST.width, h: GHOST.height };
    const n = board.nodes.find((x) => x.id === id);
    if (!n) return null;
    const m = rf.getNode(id)?.measured;
    return { ...n.position, w: m?.width ?? 180, h: m?.height ?? 60 };
  };
  const canvas = document.querySelector('.fl-canvas');
  return (
    <>
      <ViewportPortal>
        <svg className="fl-ghost-edges" aria-hidden="true">
          {ghostEdges.map((e) => {
            const a = centreOf(e.source);
            const b = centreOf(e.target);
            if (!a || !b) return null;
            return <line key={e.id} x1={a.x + a.w} y1={a.y + a.h / 2} x2={b.x} y2={b.y + b.h / 2} />;
          })}
        </svg>
        {ghosts.map((g) => (
          <div
            key={g.id}
            className="fl-node fl-ghost"
            data-kind="ghost"
            role="note"
            aria-label={`Missing from your board: ${g.label}`}
            style={{ transform: `translate(${g.position.x}px, ${g.position.y}px)`, width: GHOST.width }}
          >
            <div className="fl-node-label">{g.label}</div>
            <div className="fl-node-kind">missing: {getDisplayName(g.kind)}</div>
            <div className="fl-ghost-gap">
              {g.gap?.invariant ? (
                <>
                  {g.gap.broken ? 'broke ' : 'protects '}
                  <code>{g.gap.invariant}</code>
                </>
              ) : (
                (g.gap?.message ?? 'in the reference design')
              )}
            </div>
          </div>
        ))}
      </ViewportPortal>
      {canvas &&
        createPortal(
          <section className="fl-compare-panel" aria-label="Compare on canvas">
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
                    <button
                      type="button"
                      className="fl-link"
                      onClick={() =>
                        void rf.setCenter(g.position.x + GHOST.width / 2, g.position.y + GHOST.height / 2, {
                          zoom: 1.1,
                          duration: 250,
                        })
                      }
                    >
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
          </section>,
          canvas,
        )}
    </>
  );
}
