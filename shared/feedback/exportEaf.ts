import type { FeedbackExportRow } from './exports';
import { DEFAULT_FEEDBACK_VOCABULARY, type FeedbackVocabulary, type VocabularyItem } from './schema';

export interface EafOptions {
  /** URL of the media, e.g. file:///…/case-12.mp4 (ELAN looks for it there, then beside the .eaf). */
  mediaUrl: string;
  /** e.g. video/mp4, video/webm, audio/x-wav. */
  mimeType: string;
  /** Path of the media relative to the .eaf, if known. */
  relativeMediaUrl?: string;
  author?: string;
  /** xsd:dateTime; defaults to now. */
  date?: string;
}

/** Drops characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF). */
function xmlChars(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    out += ch;
  }
  return out;
}

export function xmlEscape(s: string): string {
  return xmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface TierAnn {
  start: number;
  end: number;
  value: string;
}

/** The families that get a tier of their own (besides one tier per speaker holding the transcript). */
export const EAF_LABEL_TIERS = ['Categories', 'Trainee response', 'Trainer reaction', 'Trigger'] as const;

/**
 * An ELAN annotation document (EAF 3.0): one time-aligned tier per speaker with the transcripts and one per
 * label family (categories, trainee response, trainer reaction, trigger) with the labels of each instance.
 * With several annotators, each tier name carries the annotator's name.
 */
export function exportEaf(rows: readonly FeedbackExportRow[], opts: EafOptions, v: FeedbackVocabulary = DEFAULT_FEEDBACK_VOCABULARY): string {
  const label = (items: VocabularyItem[], k: string) => items.find((i) => i.key === k)?.label ?? k;
  const annotators = [...new Set(rows.map((r) => r.annotator))].sort();
  const multi = annotators.length > 1;
  const tiers = new Map<string, { annotator: string; participant: string; anns: TierAnn[] }>();
  const tier = (name: string, annotator: string, participant = '') => {
    const id = multi ? `${name} (${annotator})` : name;
    let t = tiers.get(id);
    if (!t) tiers.set(id, (t = { annotator, participant, anns: [] }));
    return t;
  };
  // Speaker tiers first, in vocabulary order, then the label families: ELAN shows tiers in document order.
  for (const a of annotators.length ? annotators : ['']) {
    for (const s of v.speakers) if (rows.some((r) => r.annotator === a && r.instance.speaker === s.key)) tier(s.label, a, s.label);
    for (const s of new Set(rows.filter((r) => r.annotator === a).map((r) => r.instance.speaker))) {
      if (!v.speakers.some((x) => x.key === s)) tier(s, a, s);
    }
    for (const f of EAF_LABEL_TIERS) tier(f, a);
  }
  const sorted = [...rows].sort((x, y) => x.instance.startMs - y.instance.startMs || x.instance.endMs - y.instance.endMs || x.instance.id - y.instance.id);
  for (const { instance: i, annotator } of sorted) {
    const span = { start: i.startMs, end: i.endMs };
    const speakerLabel = v.speakers.find((s) => s.key === i.speaker)?.label ?? i.speaker;
    tier(speakerLabel, annotator, speakerLabel).anns.push({ ...span, value: i.transcript });
    if (i.categories.length) tier('Categories', annotator).anns.push({ ...span, value: i.categories.map((k) => label(v.categories, k)).join(', ') });
    if (i.traineeResponses.length) tier('Trainee response', annotator).anns.push({ ...span, value: i.traineeResponses.map((k) => label(v.traineeResponses, k)).join(', ') });
    else if (i.noTraineeResponse) tier('Trainee response', annotator).anns.push({ ...span, value: 'none' });
    if (i.trainerReaction) tier('Trainer reaction', annotator).anns.push({ ...span, value: label(v.trainerReactions, i.trainerReaction) });
    if (i.trigger.trim()) tier('Trigger', annotator).anns.push({ ...span, value: i.trigger.trim() });
  }
  const times = [...new Set(sorted.flatMap((r) => [r.instance.startMs, r.instance.endMs]))].sort((a, b) => a - b);
  const slot = new Map(times.map((t, k) => [t, `ts${k + 1}`]));
  let annId = 0;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<ANNOTATION_DOCUMENT AUTHOR="${xmlEscape(opts.author ?? 'Sightline')}" DATE="${xmlEscape(opts.date ?? new Date().toISOString())}" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">`,
  );
  out.push('    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">');
  out.push(
    `        <MEDIA_DESCRIPTOR MEDIA_URL="${xmlEscape(opts.mediaUrl)}" MIME_TYPE="${xmlEscape(opts.mimeType)}"${opts.relativeMediaUrl ? ` RELATIVE_MEDIA_URL="${xmlEscape(opts.relativeMediaUrl)}"` : ''}/>`,
  );
  const body: string[] = [];
  for (const [id, t] of tiers) {
    const attrs = `LINGUISTIC_TYPE_REF="default-lt" TIER_ID="${xmlEscape(id)}"${t.participant ? ` PARTICIPANT="${xmlEscape(t.participant)}"` : ''}${t.annotator ? ` ANNOTATOR="${xmlEscape(t.annotator)}"` : ''}`;
    if (t.anns.length === 0) {
      body.push(`    <TIER ${attrs}/>`);
      continue;
    }
    body.push(`    <TIER ${attrs}>`);
    for (const a of t.anns) {
      annId++;
      body.push('        <ANNOTATION>');
      body.push(`            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a${annId}" TIME_SLOT_REF1="${slot.get(a.start)}" TIME_SLOT_REF2="${slot.get(a.end)}">`);
      body.push(`                <ANNOTATION_VALUE>${xmlEscape(a.value)}</ANNOTATION_VALUE>`);
      body.push('            </ALIGNABLE_ANNOTATION>');
      body.push('        </ANNOTATION>');
    }
    body.push('    </TIER>');
  }
  out.push(`        <PROPERTY NAME="lastUsedAnnotationId">${annId}</PROPERTY>`);
  out.push('    </HEADER>');
  out.push('    <TIME_ORDER>');
  for (const t of times) out.push(`        <TIME_SLOT TIME_SLOT_ID="${slot.get(t)}" TIME_VALUE="${t}"/>`);
  out.push('    </TIME_ORDER>');
  out.push(...body);
  out.push('    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>');
  out.push('    <CONSTRAINT DESCRIPTION="Time subdivision of parent annotation\'s time interval, no time gaps allowed within this interval" STEREOTYPE="Time_Subdivision"/>');
  out.push('    <CONSTRAINT DESCRIPTION="Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered" STEREOTYPE="Symbolic_Subdivision"/>');
  out.push('    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>');
  out.push('    <CONSTRAINT DESCRIPTION="Time alignable annotations within the parent annotation\'s time interval, gaps are allowed" STEREOTYPE="Included_In"/>');
  out.push('</ANNOTATION_DOCUMENT>');
  return out.join('\n') + '\n';
}
