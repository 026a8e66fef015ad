import { describe, expect, it } from 'vitest';
import { exportEaf } from '../../../shared/feedback/exportEaf';
import { exportJsonl, exportVtt, type FeedbackExportRow } from '../../../shared/feedback/exports';
import { hasResponseLabel, isEffective } from '../../../shared/feedback/schema';
import { parseVtt } from '../../../shared/feedback/subtitles';
import { childrenNamed, parseXml } from '../feedback/xmlTree';

const instance = (id: number, extra: Partial<FeedbackExportRow['instance']>): FeedbackExportRow => ({
  caseName: 'case 12',
  annotator: 'A1',
  instance: { id, startMs: id * 1000, endMs: id * 1000 + 800, speaker: 'trainer', transcript: `remark ${id}`, categories: [], trigger: '', traineeResponses: [], trainerReaction: null, note: '', source: 'manual', vadP: null, ...extra },
});

describe('trainee response labels', () => {
  it('tells "not labelled yet" from "no response": only the first is neither effective nor not', () => {
    expect(isEffective({ traineeResponses: [] })).toBeNull();
    expect(hasResponseLabel({ traineeResponses: [] })).toBe(false);
    expect(isEffective({ traineeResponses: [], noTraineeResponse: true })).toBe(false);
    expect(isEffective({ traineeResponses: ['verbal_acknowledgment'] })).toBe(false);
    expect(isEffective({ traineeResponses: ['behavioral_adjustment', 'verbal_acknowledgment'] })).toBe(true);
  });

  it('exports "no response" as such and leaves effectiveness empty while unlabelled', () => {
    const rows = [instance(1, {}), instance(2, { noTraineeResponse: true }), instance(3, { traineeResponses: ['behavioral_adjustment'] })];
    const lines = exportJsonl(rows).trim().split('\n').map((l) => JSON.parse(l) as { id: number; effective: boolean | null; noTraineeResponse: boolean });
    expect(lines.map((l) => [l.id, l.effective, l.noTraineeResponse])).toEqual([
      [1, null, false],
      [2, false, true],
      [3, true, false],
    ]);
    expect(parseVtt(exportVtt(rows)).map((c) => c.text)).toEqual(['remark 1', 'remark 2', 'remark 3']);
    expect(exportVtt(rows)).toContain('NOTE response: none');
    const eaf = parseXml(exportEaf(rows, { mediaUrl: 'file:///v.mp4', mimeType: 'video/mp4', date: '2025-01-01T00:00:00Z' }));
    const tier = childrenNamed(eaf, 'TIER').find((t) => t.attrs.TIER_ID === 'Trainee response')!;
    const values = tier.children.map((a) => a.children[0].children.find((c) => c.name === 'ANNOTATION_VALUE')!.text);
    expect(values).toEqual(['none', 'Behavioral Adjustment']);
  });
});
