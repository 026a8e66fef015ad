import type { NavigationEvent, NavigationSession, SlideHeader } from './schema';

/** One line of the format (no line break). */
export function serializeNavigationLine(value: SlideHeader | NavigationEvent): string {
  return JSON.stringify(value);
}

/** A whole session as JSON Lines: the slide header, then one event per line, each line ending in "\n". */
export function serializeNavigationJsonl(session: NavigationSession): string {
  const parts = new Array<string>(session.events.length + 1);
  parts[0] = serializeNavigationLine(session.slide);
  for (let i = 0; i < session.events.length; i++) parts[i + 1] = serializeNavigationLine(session.events[i]);
  return `${parts.join('\n')}\n`;
}
