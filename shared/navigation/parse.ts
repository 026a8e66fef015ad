import type { z } from 'zod';
import { passesFastCheck } from './fastCheck';
import { NAVIGATION_EVENT_SCHEMAS, NAVIGATION_EVENT_TYPES, SlideHeader, type NavigationEvent, type NavigationSession } from './schema';

/** A rejected line: its 1-based number in the file and what is wrong with it. */
export interface LineError {
  line: number;
  message: string;
}

export type ParseResult =
  | { ok: true; session: NavigationSession }
  /** `errors` holds at most `maxErrors` entries; `errorCount` counts them all. */
  | { ok: false; errors: LineError[]; errorCount: number };

export interface ParseOptions {
  /** How many line errors to keep (all are counted). Default 100. */
  maxErrors?: number;
}

function describeIssues(error: z.ZodError, value: object): string {
  const missing: string[] = [];
  const other: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (issue.code === 'invalid_type' && issue.path.length === 1 && typeof key === 'string' && !Object.prototype.hasOwnProperty.call(value, key)) {
      missing.push(key);
      continue;
    }
    const path = issue.path.map(String).join('.');
    other.push(path ? `${path}: ${issue.message}` : issue.message);
  }
  if (missing.length > 0) other.unshift(`missing ${missing.join(', ')}`);
  return other.join('; ');
}

function isEventType(type: unknown): type is NavigationEvent['type'] {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(NAVIGATION_EVENT_SCHEMAS, type);
}

/**
 * Validates a navigation stream line by line (JSON Lines). Blank lines are skipped; the first non-blank line must be
 * the slide header; times must never go backwards; nothing may follow an `end` event. Any bad line makes the whole
 * result an error: there is never a partial session.
 */
export class NavigationParser {
  private lineNo = 0;
  private slide: SlideHeader | null = null;
  private readonly events: NavigationEvent[] = [];
  private lastT = 0;
  /** Number of the first non-blank line (the header's), 0 before it. */
  private firstLine = 0;
  private endedAt: number | null = null;
  private readonly errors: LineError[] = [];
  private errorCount = 0;
  private readonly maxErrors: number;

  constructor(options: ParseOptions = {}) {
    this.maxErrors = options.maxErrors ?? 100;
  }

  /** Feeds the next line (without its line break). */
  push(rawLine: string): void {
    const line = ++this.lineNo;
    let text = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return;

    const first = this.firstLine === 0;
    if (first) this.firstLine = line;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return this.fail(line, `not valid JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(line, `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
    }
    const type = (value as { type?: unknown }).type;

    if (type === 'slide') {
      if (!first) return this.fail(line, this.slide ? 'a second slide header; a stream describes one slide' : `the slide header must be the first line (line ${this.firstLine})`);
      const header = SlideHeader.safeParse(value);
      if (!header.success) return this.fail(line, `slide header: ${describeIssues(header.error, value)}`);
      this.slide = header.data;
      return;
    }
    if (first) {
      return this.fail(line, `the first line must be the slide header {"type":"slide",…}, got ${type === undefined ? 'no "type"' : `type ${JSON.stringify(type)}`}`);
    }
    if (type === undefined) return this.fail(line, 'missing "type"');
    if (!isEventType(type)) {
      return this.fail(line, `unknown event type ${JSON.stringify(type)} (expected one of ${NAVIGATION_EVENT_TYPES.join(', ')})`);
    }
    let event: NavigationEvent;
    if (passesFastCheck(type, value)) event = value as NavigationEvent;
    else {
      const parsed = NAVIGATION_EVENT_SCHEMAS[type].safeParse(value);
      if (!parsed.success) return this.fail(line, `${type} event: ${describeIssues(parsed.error, value)}`);
      event = parsed.data as NavigationEvent;
    }

    if (this.endedAt !== null) return this.fail(line, `an event after the session's end (line ${this.endedAt})`);
    if (event.t < this.lastT) return this.fail(line, `time goes backwards: t=${event.t} is before the previous event's t=${this.lastT}`);
    this.lastT = event.t;
    if (event.type === 'end') this.endedAt = line;
    if (this.errorCount === 0) this.events.push(event);
  }

  private fail(line: number, message: string): void {
    this.errorCount++;
    if (this.errors.length < this.maxErrors) this.errors.push({ line, message });
    this.events.length = 0;
  }

  /** The session, or every error found (none of the session is returned when any line is bad). */
  finish(): ParseResult {
    if (this.errorCount === 0 && this.slide === null) {
      this.fail(Math.max(1, this.lineNo), 'no slide header: the stream is empty');
    }
    if (this.errorCount > 0) return { ok: false, errors: [...this.errors], errorCount: this.errorCount };
    return { ok: true, session: { slide: this.slide as SlideHeader, events: this.events } };
  }
}

/** Parses a whole JSON Lines text (see NavigationParser for the rules). */
export function parseNavigationJsonl(text: string, options?: ParseOptions): ParseResult {
  const parser = new NavigationParser(options);
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    parser.push(text.slice(start, end));
    start = end + 1;
  }
  return parser.finish();
}

/** Formats a parse failure as `name:line: message` lines, one per error, plus a count of any left out. */
export function formatLineErrors(result: { errors: LineError[]; errorCount: number }, name: string): string[] {
  const lines = result.errors.map((e) => `${name}:${e.line}: ${e.message}`);
  if (result.errorCount > result.errors.length) lines.push(`${name}: … and ${result.errorCount - result.errors.length} more invalid lines`);
  return lines;
}
