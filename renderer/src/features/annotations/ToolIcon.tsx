import type { ReactElement } from 'react';
import type { ToolId } from './tools/toolTypes';

// Drawn rather than typed: emoji and dingbat glyphs are missing from many hospital PCs' fonts.
const PATHS: Record<ToolId, ReactElement> = {
  select: <path d="M3 2l9 5-4 1.2L10.5 13 9 13.8 6.6 9.2 3 12z" fill="currentColor" stroke="none" />,
  move: <path d="M8 1v14M1 8h14M8 1L6 3.5M8 1l2 2.5M8 15l-2-2.5M8 15l2-2.5M1 8l2.5-2M1 8l2.5 2M15 8l-2.5-2M15 8l-2.5 2" />,
  rectangle: <rect x="2" y="4" width="12" height="8" />,
  ellipse: <ellipse cx="8" cy="8" rx="6.2" ry="4.5" />,
  polygon: <path d="M3 12.5L2 6l5-4 7 3-1.5 7.5z" />,
  brush: <path d="M2.5 13.5c2 0 3-1 3-2.5S7 8.5 8.5 9.5 9 12 7 13.5M8.5 9.5L14 3.5" />,
  point: <circle cx="8" cy="8" r="2.6" fill="currentColor" />,
  line: <path d="M2.5 13.5l11-11M1.2 11.8l3 3M11.8 1.2l3 3" />,
};

export function ToolIcon({ tool }: { tool: ToolId }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {PATHS[tool]}
    </svg>
  );
}
