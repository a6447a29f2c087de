import type { ButtonHTMLAttributes } from 'react';
import { usePaletteDrag, type PaletteDragItem } from './paletteDrag';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  dragId: string;
  item: PaletteDragItem;
};

/**
 * A palette entry's button: draggable once dnd-kit's drag layer has loaded (just after the first
 * paint), a plain button before that — Enter and the name work the same either way.
 */
export function PaletteItemButton({ dragId, item, ...rest }: Props) {
  const dnd = usePaletteDrag((s) => s.dnd);
  if (dnd) return <dnd.DraggableButton dragId={dragId} item={item} {...rest} />;
  return <button type="button" {...rest} />;
}
