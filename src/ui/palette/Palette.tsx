import { memo, useMemo, useState, type ReactNode } from 'react';
import { CATALOG, CATEGORIES, CATEGORY_LABELS, type ComponentKind, type KindDefinition } from '../../domain';
import { KindIcon } from '../common/Icon';
import { AnnotatePalette } from './AnnotatePalette';
import { PaletteItemButton } from './PaletteItemButton';
import { usePaletteDrag } from './paletteDrag';

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
      <PaletteDragLayer>
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
      </PaletteDragLayer>
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
  return (
    <li className="fl-palette-entry">
      <PaletteItemButton
        dragId={`palette:${def.kind}`}
        item={item}
        className="fl-palette-item"
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
      </PaletteItemButton>
      <span id={`desc-${def.kind}`} className="fl-palette-desc">
        {def.description}
      </span>
    </li>
  );
});

/** dnd-kit's context around the palette's items once the drag layer is loaded; the items alone before. */
function PaletteDragLayer({ children }: { children: ReactNode }) {
  const dnd = usePaletteDrag((st) => st.dnd);
  return dnd ? <dnd.PaletteDndProvider>{children}</dnd.PaletteDndProvider> : children;
}
