import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useDraggable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useEffect, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { CATALOG, type ComponentKind } from '../../domain';
import { KindIcon } from '../common/Icon';
import { dropPaletteItem, usePaletteDrag, type PaletteDragItem } from './paletteDrag';

/**
 * dnd-kit's drag layer for the palette, in its own chunk (loaded after the first paint by
 * `loadPaletteDnd`). The canvas is not a dnd-kit droppable: it registers itself as the drop target,
 * and a drop counts when the pointer is let go inside it (paletteDrag.ts).
 */
export function PaletteDndProvider({ children }: { children: ReactNode }) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  // dnd-kit gives no final pointer position, and its delta also counts the palette's own scrolling:
  // the last pointer position seen during the drag is where the user let go.
  const lastPointer = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      lastPointer.current = { x: e.clientX, y: e.clientY };
    };
    window.addEventListener('pointermove', onMove, { capture: true, passive: true });
    return () => window.removeEventListener('pointermove', onMove, { capture: true });
  }, []);
  const item = usePaletteDrag((s) => s.item);

  const onDragStart = (e: DragStartEvent) => {
    lastPointer.current = null;
    usePaletteDrag.setState({ item: (e.active.data.current?.item as PaletteDragItem | undefined) ?? null });
  };
  const onDragEnd = (e: DragEndEvent) => {
    usePaletteDrag.setState({ item: null });
    const dragged = e.active.data.current?.item as PaletteDragItem | undefined;
    const start = e.activatorEvent as PointerEvent | null;
    if (!dragged || !start || !('clientX' in start)) return;
    dropPaletteItem(
      dragged,
      lastPointer.current ?? { x: start.clientX + e.delta.x, y: start.clientY + e.delta.y },
    );
  };

  return (
    <DndContext
      sensors={sensors}
      autoScroll={false}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => usePaletteDrag.setState({ item: null })}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {item && 'kind' in item ? <PaletteDragPreview kind={item.kind} /> : null}
      </DragOverlay>
    </DndContext>
  );
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>;

/** A palette button that dnd-kit can drag; `item` is what a drop adds. */
export function DraggableButton({
  dragId,
  item,
  className,
  onKeyDown,
  ...rest
}: ButtonProps & { dragId: string; item: PaletteDragItem }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: dragId, data: { item } });
  return (
    <button
      ref={setNodeRef}
      type="button"
      {...attributes}
      {...listeners}
      // Our own description and name win over dnd-kit's generic drag instructions.
      {...rest}
      className={`${className ?? ''}${isDragging ? ' is-dragging' : ''}`}
      onKeyDown={(e) => {
        onKeyDown?.(e);
        if (!e.defaultPrevented) listeners?.onKeyDown?.(e);
      }}
    />
  );
}

/** The floating copy of a palette component shown under the pointer while it is dragged. */
function PaletteDragPreview({ kind }: { kind: ComponentKind }) {
  const def = CATALOG.find((d) => d.kind === kind)!;
  return (
    <div className="fl-node fl-drag-preview" aria-hidden="true">
      <div className="fl-node-head">
        <span className="fl-node-icon">
          <KindIcon kind={kind} />
        </span>
        <span className="fl-node-label">{def.displayName}</span>
      </div>
    </div>
  );
}
