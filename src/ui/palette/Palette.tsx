import { memo, useMemo, useState } from 'react';
import { CATALOG, CATEGORIES, CATEGORY_LABELS, type ComponentKind, type KindDefinition } from '../../domain';
import { KindIcon } from '../common/Icon';
import { AnnotatePalette } from './AnnotatePalette';
import { startPaletteDrag, useIsDragging, usePaletteDrag } from './paletteDrag';

/** The component palette: grouped by category, filterable; drag onto the canvas or press Enter. */
export function Palette({ onAdd }: { onAdd: (kind: ComponentKind) => void }) {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const match = (d: KindDefinition) =>
      !q ||
      d.displayName.toLowerCase().includes(q) ||
      d.kind.includes(q) ||
      d.description.toLowerCase().includes(q);
    return CATEGORIES.map((c) => ({
      category: c,
      items: CATALOG.filter((d) => d.category === c && match(d)),
    })).filter((g) => g.items.length > 0);
  }, [filter]);
  return (
    <aside className="fl-palette" role="region" aria-label="Components">
      <h2 className="fl-panel-title">Components</h2>
      <input
        className="fl-input fl-palette-filter"
        type="search"
        placeholder="Filter…"
        aria-label="Filter components"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="fl-palette-groups">
        <AnnotatePalette filter={filter} />
        {groups.length === 0 && <p className="fl-muted">No component matches “{filter}”.</p>}
        {groups.map((g) => (
          <section key={g.category} aria-label={CATEGORY_LABELS[g.category]}>
            <h3 className="fl-palette-group">{CATEGORY_LABELS[g.category]}</h3>
            <ul className="fl-palette-list">
              {g.items.map((d) => (
                <PaletteItem key={d.kind} def={d} onAdd={onAdd} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="fl-muted fl-palette-tip">Drag onto the canvas, or focus and press Enter.</p>
    </aside>
  );
}

const PaletteItem = memo(function PaletteItem({
  def,
  onAdd,
}: {
  def: KindDefinition;
  onAdd: (kind: ComponentKind) => void;
}) {
  const item = useMemo(() => ({ kind: def.kind }), [def.kind]);
  const isDragging = useIsDragging(item);
  return (
    <li className="fl-palette-entry">
      <button
        type="button"
        className={`fl-palette-item${isDragging ? ' is-dragging' : ''}`}
        onPointerDown={(e) => startPaletteDrag(e, item)}
        // The accessible name is the visible name; the description is read as the description.
        aria-describedby={`desc-${def.kind}`}
        title={def.displayName}
        data-kind={def.kind}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onAdd(def.kind);
          }
        }}
      >
        <span className="fl-palette-icon" aria-hidden="true">
          <KindIcon kind={def.kind} />
        </span>
        <span className="fl-palette-name">{def.displayName}</span>
      </button>
      <span id={`desc-${def.kind}`} className="fl-palette-desc">
        {def.description}
      </span>
    </li>
  );
});

/** The floating copy of a palette component shown under the pointer while it is dragged. */
export function PaletteDragOverlay() {
  const item = usePaletteDrag((s) => s.item);
  const at = usePaletteDrag((s) => s.at);
  if (!item || !at || !('kind' in item)) return null;
  return <PaletteDragPreview kind={item.kind} at={at} />;
}

function PaletteDragPreview({ kind, at }: { kind: ComponentKind; at: { x: number; y: number } }) {
  const def = CATALOG.find((d) => d.kind === kind)!;
  return (
    <div className="fl-node fl-drag-preview" style={{ left: at.x, top: at.y }} aria-hidden="true">
      <div className="fl-node-head">
        <span className="fl-node-icon">
          <KindIcon kind={kind} />
        </span>
        <span className="fl-node-label">{def.displayName}</span>
      </div>
    </div>
  );
}
