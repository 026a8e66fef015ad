/** Text that may identify a patient (or anyone else): flagged for the reviewer, and redacted on export. */
export type IdentifierKind = 'name' | 'date' | 'record-number' | 'email' | 'phone';

export interface IdentifierSpan {
  kind: IdentifierKind;
  start: number;
  end: number;
  text: string;
}

export const REDACTION = '[removed]';

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const PATTERNS: ReadonlyArray<{ kind: IdentifierKind; re: RegExp }> = [
  { kind: 'email', re: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g },
  // 2021-03-12, 2021/3/12
  { kind: 'date', re: /\b(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b/g },
  // 12/03/2021, 3-12-21, 12.03.2021
  { kind: 'date', re: /\b(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:\d{4}|\d{2})\b/g },
  // 12 March 2021, 12th Mar 21, March 12, 2021, March 2021
  { kind: 'date', re: new RegExp(`\\b(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+\\d{2,4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2})\\b`, 'gi') },
  // MRN 1234567, record no. A-12345, patient ID: 123456, accession #S21-1234
  {
    kind: 'record-number',
    re: /\b(?:mrn|nhs|record|accession|hospital|patient|case|specimen|lab|med(?:ical)?\s+record)(?:\s+(?:no|number|id|#))?\.?\s*[:#]?\s*[A-Z]{0,3}-?\d[\d-]{3,}\b/gi,
  },
  // Surgical-pathology style accession numbers: S21-12345, SP-2021-000123, H19-4567
  { kind: 'record-number', re: /\b[A-Z]{1,3}-?\d{2,4}-\d{3,}\b/g },
  // NHS-number style 943 476 5919
  { kind: 'record-number', re: /\b\d{3}[ -]\d{3}[ -]\d{4}\b/g },
  // Any long run of digits (7+): too long to be a measurement or a coordinate.
  { kind: 'record-number', re: /\b\d{7,}\b/g },
  { kind: 'phone', re: /(?:\+\d{1,3}[\s-]?)?\(?\d{2,4}\)?[\s-]\d{3,4}[\s-]\d{3,4}\b/g },
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Names from a project's list, matched as whole words in any letter case: the full name, and each part of a
 * multi-part name of at least three letters (a surname often appears alone).
 */
function namePatterns(names: readonly string[]): RegExp | null {
  const terms = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length < 2) continue;
    terms.add(name.toLowerCase());
    const parts = name.split(/[\s,]+/).filter((p) => p.replace(/[^\p{L}]/gu, '').length >= 3);
    if (parts.length > 1) for (const p of parts) terms.add(p.toLowerCase());
  }
  if (terms.size === 0) return null;
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Every span of `text` that looks like an identifier; overlapping finds are merged (the earlier kind wins). */
export function detectIdentifiers(text: string, names: readonly string[] = []): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  const nameRe = namePatterns(names);
  const all = nameRe ? [{ kind: 'name' as const, re: nameRe }, ...PATTERNS] : PATTERNS;
  for (const { kind, re } of all) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: IdentifierSpan[] = [];
  for (const s of found) {
    const last = merged.at(-1);
    if (last && s.start < last.end) {
      if (s.end > last.end) {
        last.end = s.end;
        last.text = text.slice(last.start, last.end);
      }
    } else merged.push({ ...s });
  }
  return merged;
}

/** The text with each span replaced by REDACTION. */
export function redact(text: string, spans: readonly IdentifierSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + REDACTION;
    at = s.end;
  }
  return out + text.slice(at);
}
