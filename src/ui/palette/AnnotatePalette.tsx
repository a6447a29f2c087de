import { memo, useMemo } from 'react';
import { addFrameAt, addNoteAt } from '../canvas/annotationCanvas';
import { PaletteItemButton } from './PaletteItemButton';

export type AnnotationItem = 'note' | 'frame';

const ITEMS: { item: AnnotationItem; name: string; description: string; icon: string }[] = [
  {
    item: 'note',
    name: 'Note',
    description: 'A sticky note for requirements, estimates and assumptions (not simulated).',
    icon: 'note',
  },
  {
    item: 'frame',
    name: 'Frame',
    description: 'A titled area grouping components: a namespace, region or team (not simulated).',
    icon: 'frame',
  },
];

/** Adds a note or frame at a point of the board, or at the centre of the view. */
export function addAnnotation(item: AnnotationItem, at?: { x: number; y: number }) {
  if (item === 'note') addNoteAt(at);
  else addFrameAt(at);
}

/** The palette's `Annotate` category: Note and Frame, dragged onto the canvas or added with Enter. */
export function AnnotatePalette({ filter }: { filter: string }) {
  const q = filter.trim().toLowerCase();
  const items = ITEMS.filter(
    (i) =>
      !q ||
      i.name.toLowerCase().includes(q) ||
      i.description.toLowerCase().includes(q) ||
      'annotate'.includes(q),
  );
  if (items.length === 0) return null;
  return (
    <section aria-label="Annotate">
      <h3 className="fl-palette-group">Annotate</h3>
      <ul className="fl-palette-list">
        {items.map((i) => (
          <AnnotateItem key={i.item} {...i} />
        ))}
      </ul>
    </section>
  );
}

const AnnotateItem = memo(function AnnotateItem({ item, name, description, icon }: (typeof ITEMS)[number]) {
  const dragged = useMemo(() => ({ annotation: item }), [item]);
  return (
    <li className="fl-palette-entry">
      <PaletteItemButton
        dragId={`annotate:${item}`}
        item={dragged}
        className="fl-palette-item"
        // The accessible name is the visible name; the description is read as the description.
        aria-describedby={`desc-annotate-${item}`}
        title={name}
        data-kind={item}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            addAnnotation(item);
          }
        }}
      >
        <span className="fl-palette-icon" aria-hidden="true">
          <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
            {icon === 'note' ? (
              <path d="M2.5 2.5h11v7l-4 4h-7z M9.5 13.5v-4h4" />
            ) : (
              <rect x="2" y="3" width="12" height="10" rx="1.5" strokeDasharray="2.5 1.5" />
            )}
          </svg>
        </span>
        <span className="fl-palette-name">{name}</span>
      </PaletteItemButton>
      <span id={`desc-annotate-${item}`} className="fl-palette-desc">
        {description}
      </span>
    </li>
  );
});
