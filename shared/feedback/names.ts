/** Flags personal names in transcripts before export: names from the project's list, and capitalised words that look like names. */

export interface NameFlag {
  /** Character offsets into the text: [start, end). */
  start: number;
  end: number;
  text: string;
  /** 'list': one of the project's names; 'capitalised': a capitalised word inside a sentence. */
  reason: 'list' | 'capitalised';
}

export interface NameFlagOptions {
  /** People's names known to the project (trainers, trainees, patients' names are never to be kept). */
  names?: readonly string[];
  /** Capitalised words that are not names (instruments, anatomy, brands); compared case-insensitively. */
  allow?: readonly string[];
  /** Use the capitalised-word heuristic (default true). */
  heuristic?: boolean;
}

/** Capitalised words that are common in operating-room speech and are not names. */
export const COMMON_CAPITALISED = [
  'I', "I'm", "I'll", "I've", "I'd", 'OK', 'Okay', 'OR', 'ICU', 'CT', 'MRI', 'BP', 'Dr', 'Doctor', 'Mr', 'Mrs', 'Ms', 'Professor',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Maryland', 'Cadiere', 'ProGrasp', 'Hem-o-lok', 'Vicryl', 'Prolene', 'Stratafix', 'Weck', 'Kocher', 'Allis', 'DeBakey', 'Metzenbaum',
  'Trendelenburg', 'Gerota', "Gerota's", 'Denonvilliers', 'Retzius', 'Santorini', 'Calot', "Calot's", 'Pfannenstiel',
];

const TITLES = /^(Dr|Doctor|Mr|Mrs|Ms|Miss|Prof|Professor|Nurse|Sister)\.?$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function flagNames(text: string, opts: NameFlagOptions = {}): NameFlag[] {
  const flags: NameFlag[] = [];
  const taken = (a: number, b: number) => flags.some((f) => a < f.end && b > f.start);
  const names = [...(opts.names ?? [])].map((n) => n.trim()).filter(Boolean).sort((a, b) => b.length - a.length);
  for (const name of names) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (!taken(start, end)) flags.push({ start, end, text: m[0], reason: 'list' });
    }
  }
  if (opts.heuristic !== false) {
    const allow = new Set([...COMMON_CAPITALISED, ...(opts.allow ?? [])].map((w) => w.toLowerCase()));
    const word = /[\p{L}][\p{L}'’-]*/gu;
    let prevEnd = 0;
    let prevWord = '';
    for (const m of text.matchAll(word)) {
      const start = m.index ?? 0;
      const w = m[0];
      const end = start + w.length;
      const between = text.slice(prevEnd, start);
      // A sentence starts at the beginning, after . ! ? or a line break (an opening quote may follow).
      const sentenceStart = prevEnd === 0 ? /^[\s"'“‘(]*$/.test(between) : /[.!?\n]/.test(between);
      const afterTitle = TITLES.test(prevWord);
      const capitalised = /^\p{Lu}[\p{Ll}'’-]/u.test(w) || (afterTitle && /^\p{Lu}/u.test(w));
      if (capitalised && (!sentenceStart || afterTitle) && !allow.has(w.toLowerCase()) && !taken(start, end)) {
        flags.push({ start, end, text: w, reason: 'capitalised' });
      }
      prevEnd = end;
      prevWord = w;
    }
  }
  return flags.sort((a, b) => a.start - b.start);
}

/** Replaces each flagged span with a placeholder (default "[NAME]"). */
export function redactNames(text: string, flags: readonly NameFlag[], placeholder = '[NAME]'): string {
  let out = '';
  let at = 0;
  for (const f of [...flags].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + placeholder;
    at = f.end;
  }
  return out + text.slice(at);
}
