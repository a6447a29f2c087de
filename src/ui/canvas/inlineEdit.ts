import { create } from 'zustand';

/** What is being edited in place on the canvas: a sticky note's text, a frame's title or a connection's label. */
export type InlineEditTarget = { type: 'note' | 'frame' | 'edge'; id: string };

interface InlineEditState {
  editing: InlineEditTarget | null;
  start(target: InlineEditTarget): void;
  stop(): void;
}

/** UI-only state (never saved): one in-place editor at a time. */
export const useInlineEdit = create<InlineEditState>()((set) => ({
  editing: null,
  start: (editing) => set({ editing }),
  stop: () => set({ editing: null }),
}));

export const isEditing = (type: InlineEditTarget['type'], id: string) => (s: InlineEditState) =>
  s.editing?.type === type && s.editing.id === id;

/** Ids whose position changes from React Flow come from a resize handle (the resizer updates the document). */
export const resizingIds = new Set<string>();
