/** The annotation tools' keys, as the Keys tab lists them. */
export const ANNOTATION_KEYS = [
  { keys: 'R / O / P / B / . / L', does: 'draw a rectangle / ellipse / polygon / brush stroke / point / line (ruler)' },
  { keys: 'S or Esc', does: 'select tool (Esc first cancels a shape being drawn, then clears the selection)' },
  { keys: 'M', does: 'move tool: drag annotations (drag elsewhere pans)' },
  { keys: 'Shift+click', does: 'add to / remove from the selection' },
  { keys: 'drag a handle', does: 'move a vertex of the selected annotation' },
  { keys: 'Alt+drag (brush) / E', does: 'erase with the brush / eraser on or off' },
  { keys: 'Enter / double-click', does: 'close the polygon (Backspace removes its last corner)' },
  { keys: 'Delete / Backspace', does: 'delete the selected annotations' },
  { keys: 'Shift+1 … 9', does: 'give the selection the class with that shortcut' },
  { keys: 'N / Shift+N', does: 'fly to the next / previous annotation of the list' },
  { keys: 'A / F', does: 'show or hide annotations / fill on or off' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y', does: 'undo / redo' },
] as const;
