import { describe, expect, it } from 'vitest';
import { CsvParseError, parseCsv, parseCsvObjects, writeCsv } from '../../../shared/feedback/csv';
import { exportEaf } from '../../../shared/feedback/exportEaf';
import { csvColumns, exportCsv, exportJsonl, exportVtt, type FeedbackExportRow } from '../../../shared/feedback/exports';
import { DEFAULT_FEEDBACK_VOCABULARY, FeedbackVocabulary } from '../../../shared/feedback/schema';
import { parseVtt } from '../../../shared/feedback/subtitles';
import { childrenNamed, parseXml } from './xmlTree';

const base = { trigger: '', note: '', source: 'manual' as const, vadP: null };
const ROWS: FeedbackExportRow[] = [
  {
    caseName: 'case 12',
    annotator: 'Annotator A',
    instance: { ...base, id: 2, startMs: 7450, endMs: 10190, speaker: 'trainer', transcript: 'Good. Now slow down with the needle driver.', categories: ['praise', 'technical'], traineeResponses: ['behavioral_adjustment'], trainerReaction: 'approval' },
  },
  {
    caseName: 'case 12',
    annotator: 'Annotator A',
    instance: {
      ...base,
      id: 1,
      startMs: 1500,
      endMs: 5060,
      speaker: 'trainer',
      transcript: 'Watch the "ureter" here,\nretract a bit more to the left & <down>.',
      categories: ['anatomic', 'visual_aid'],
      traineeResponses: ['verbal_acknowledgment'],
      trainerReaction: null,
      trigger: 'approaching the ureter',
      source: 'vad',
      vadP: 0.89,
    },
  },
  {
    caseName: 'case 12',
    annotator: 'Annotator A',
    instance: { ...base, id: 3, startMs: 10500, endMs: 11200, speaker: 'trainee', transcript: 'Okay.', categories: [], traineeResponses: [], trainerReaction: null },
  },
];

describe('CSV', () => {
  it('has the dataset columns in order', () => {
    expect(csvColumns()).toEqual([
      'case', 'start', 'end', 'fbk_time', 'speaker', 'transcript', 'f_anatomic', 'f_procedural', 'f_technical', 'f_praise', 'f_criticism',
      'f_visual_aid', 'r_t_verb', 'r_t_beh', 'r_t_clarify', 'trainer_reaction', 'annotator',
    ]);
  });

  it('quotes per RFC 4180 and parses back to the same rows, in time order', () => {
    const csv = exportCsv(ROWS);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Watch the ""ureter"" here,\nretract a bit more to the left & <down>."');
    const rows = parseCsvObjects(csv);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      case: 'case 12', start: '1500', end: '5060', fbk_time: '00:00:01.500', speaker: 'trainer',
      transcript: 'Watch the "ureter" here,\nretract a bit more to the left & <down>.',
      f_anatomic: '1', f_procedural: '0', f_technical: '0', f_praise: '0', f_criticism: '0', f_visual_aid: '1',
      r_t_verb: '1', r_t_beh: '0', r_t_clarify: '0', trainer_reaction: '', annotator: 'Annotator A',
    });
    expect(rows[1]).toMatchObject({ start: '7450', f_praise: '1', f_technical: '1', r_t_beh: '1', trainer_reaction: 'approval' });
  });

  it('follows an edited vocabulary (a new category gets its own column)', () => {
    const v = FeedbackVocabulary.parse({ ...DEFAULT_FEEDBACK_VOCABULARY, categories: [...DEFAULT_FEEDBACK_VOCABULARY.categories, { key: 'safety', label: 'Safety' }] });
    expect(csvColumns(v)).toContain('f_safety');
    expect(parseCsvObjects(exportCsv(ROWS, v))[0].f_safety).toBe('0');
  });

  it('parser: quoted commas, quotes, CR/LF; clear errors for broken quoting', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\r\n')).toEqual([['a', 'b'], ['x, y', 'he said "hi"']]);
    expect(parseCsv('a,b\n1,\n')).toEqual([['a', 'b'], ['1', '']]);
    expect(writeCsv(['x'], [[null], [true], ['a\rb']])).toBe('x\r\n\r\n1\r\n"a\rb"\r\n');
    expect(() => parseCsv('a\n"open')).toThrow(CsvParseError);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2: text after a closing quote/);
    expect(() => parseCsvObjects('a,b\n1\n')).toThrow(/line 2: 1 fields where the header has 2/);
  });
});

describe('JSON Lines', () => {
  it('writes one object per line with every field and the effectiveness target', () => {
    const lines = exportJsonl(ROWS).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual([1, 2, 3]);
    expect(lines[1]).toMatchObject({ case: 'case 12', startMs: 7450, endMs: 10190, categories: ['praise', 'technical'], effective: true, trainerReaction: 'approval' });
    expect(lines[0]).toMatchObject({ effective: false, trigger: 'approaching the ureter', source: 'vad', vadP: 0.89 });
  });
});

describe('WebVTT', () => {
  it('parses back with our parser: times, speakers (labels), transcripts', () => {
    const cues = parseVtt(exportVtt(ROWS));
    expect(cues.map((c) => [c.id, c.startMs, c.endMs, c.speaker])).toEqual([
      ['instance-1', 1500, 5060, 'Trainer'],
      ['instance-2', 7450, 10190, 'Trainer'],
      ['instance-3', 10500, 11200, 'Trainee'],
    ]);
    expect(cues[0].text).toBe('Watch the "ureter" here,\nretract a bit more to the left & <down>.');
    expect(exportVtt(ROWS)).toContain('NOTE categories: Praise, Technical; response: Behavioral Adjustment; reaction: Approval');
  });
});

describe('ELAN .eaf', () => {
  const eaf = exportEaf(ROWS, { mediaUrl: 'file:///videos/case%2012.mp4', mimeType: 'video/mp4', date: '2025-01-02T03:04:05.000Z', author: 'Sightline' });
  const doc = parseXml(eaf);

  it('has the EAF 3.0 document structure in schema order', () => {
    expect(doc.name).toBe('ANNOTATION_DOCUMENT');
    expect(doc.attrs).toMatchObject({ FORMAT: '3.0', VERSION: '3.0', AUTHOR: 'Sightline', DATE: '2025-01-02T03:04:05.000Z' });
    const order = doc.children.map((c) => c.name);
    expect(order[0]).toBe('HEADER');
    expect(order[1]).toBe('TIME_ORDER');
    const lastTier = order.lastIndexOf('TIER');
    expect(order.slice(2, lastTier + 1).every((n) => n === 'TIER')).toBe(true);
    expect(order.slice(lastTier + 1)).toEqual(['LINGUISTIC_TYPE', 'CONSTRAINT', 'CONSTRAINT', 'CONSTRAINT', 'CONSTRAINT']);
    const header = childrenNamed(doc, 'HEADER')[0];
    expect(header.attrs.TIME_UNITS).toBe('milliseconds');
    expect(childrenNamed(header, 'MEDIA_DESCRIPTOR')[0].attrs).toEqual({ MEDIA_URL: 'file:///videos/case%2012.mp4', MIME_TYPE: 'video/mp4' });
  });

  it('has one tier per speaker and per label family, every annotation on ordered, existing time slots', () => {
    const slots = new Map(childrenNamed(childrenNamed(doc, 'TIME_ORDER')[0], 'TIME_SLOT').map((s) => [s.attrs.TIME_SLOT_ID, Number(s.attrs.TIME_VALUE)]));
    expect([...slots.values()]).toEqual([1500, 5060, 7450, 10190, 10500, 11200]);
    const tiers = childrenNamed(doc, 'TIER');
    expect(tiers.map((t) => t.attrs.TIER_ID)).toEqual(['Trainer', 'Trainee', 'Categories', 'Trainee response', 'Trainer reaction', 'Trigger']);
    const types = new Set(childrenNamed(doc, 'LINGUISTIC_TYPE').map((l) => l.attrs.LINGUISTIC_TYPE_ID));
    const ids = new Set<string>();
    const content = Object.fromEntries(
      tiers.map((t) => {
        expect(types.has(t.attrs.LINGUISTIC_TYPE_REF)).toBe(true);
        return [
          t.attrs.TIER_ID,
          t.children.map((ann) => {
            expect(ann.name).toBe('ANNOTATION');
            const al = childrenNamed(ann, 'ALIGNABLE_ANNOTATION')[0];
            expect(ids.has(al.attrs.ANNOTATION_ID)).toBe(false);
            ids.add(al.attrs.ANNOTATION_ID);
            const a = slots.get(al.attrs.TIME_SLOT_REF1) as number;
            const b = slots.get(al.attrs.TIME_SLOT_REF2) as number;
            expect(b).toBeGreaterThan(a);
            return [a, b, childrenNamed(al, 'ANNOTATION_VALUE')[0].text];
          }),
        ];
      }),
    );
    expect(content.Trainer).toEqual([
      [1500, 5060, 'Watch the "ureter" here,\nretract a bit more to the left & <down>.'],
      [7450, 10190, 'Good. Now slow down with the needle driver.'],
    ]);
    expect(content.Trainee).toEqual([[10500, 11200, 'Okay.']]);
    expect(content.Categories).toEqual([
      [1500, 5060, 'Anatomic, Visual Aid'],
      [7450, 10190, 'Praise, Technical'],
    ]);
    expect(content['Trainer reaction']).toEqual([[7450, 10190, 'Approval']]);
    expect(content.Trigger).toEqual([[1500, 5060, 'approaching the ureter']]);
    const header = childrenNamed(doc, 'HEADER')[0];
    expect(Number(childrenNamed(header, 'PROPERTY')[0].text)).toBe(ids.size);
  });

  it('names tiers by annotator when two annotators are in one file', () => {
    const two = [...ROWS, { ...ROWS[0], annotator: 'Annotator B' }];
    const tiers = childrenNamed(parseXml(exportEaf(two, { mediaUrl: 'file:///v.mp4', mimeType: 'video/mp4' })), 'TIER').map((t) => [t.attrs.TIER_ID, t.attrs.ANNOTATOR]);
    expect(tiers).toContainEqual(['Trainer (Annotator B)', 'Annotator B']);
    expect(tiers).toContainEqual(['Categories (Annotator A)', 'Annotator A']);
  });
});
