import type { Command } from '../commands';
import { addFrameAt, addNoteAt, cycleNoteColour, editableSelection, editSelection } from './annotationCanvas';

/** Whether the keyboard focus is on the canvas (or nowhere in particular), not on a panel's control. */
function focusOnCanvas(): boolean {
  const el = document.activeElement;
  return !el || el === document.body || !!el.closest('.fl-canvas');
}

/** Notes, frames and labels from the keyboard; listed in the `?` overlay with the other commands. */
export function annotationCommands(): Command[] {
  return [
    { id: 'add-note', label: 'Add a sticky note', group: 'Edit', keys: ['N'], run: () => addNoteAt() },
    { id: 'add-frame', label: 'Add a frame', group: 'Edit', keys: ['F'], run: () => addFrameAt() },
    {
      id: 'edit-selected',
      label: 'Edit the selected note, frame title or connection label',
      group: 'Edit',
      keys: ['Enter'],
      when: () => focusOnCanvas() && editableSelection() !== null,
      run: editSelection,
    },
    {
      id: 'note-colour',
      label: 'Next colour for the selected notes',
      group: 'Edit',
      keys: ['Shift+C'],
      run: cycleNoteColour,
    },
  ];
}
