import { describe, expect, it } from 'vitest';
import { buildConversation, type ConversationRegion, type ManifestLine } from '../../../shared/review/dataset';
import { buildCoco } from '../../../shared/review/coco';
import { buildQupathGeoJson } from '../../../shared/review/qupath';

const region = (n: number, hp = false): ConversationRegion => ({
  number: n,
  kind: 'inspect',
  box: [n * 100, 0, n * 100 + 50, 40],
  magnification: 10,
  image: `box_${n}.jpeg`,
  highPower: hp ? [{ magnification: 40, image: `cyto_box_${n}.jpeg` }] : [],
  why: `why ${n}`,
  findings: `findings ${n}`,
  highPowerFindings: hp ? `cells ${n}` : null,
});

describe('conversation', () => {
  it('asks for an impression, then where to look, then shows each region and its findings', () => {
    const turns = buildConversation('Mostly tissue.', [region(1, true), region(2)]);
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'system', 'assistant', 'system', 'assistant']);
    expect(turns[0].content[0]).toEqual({ type: 'image', image: 'thumbnail.jpeg' });
    expect(turns[1].content).toEqual([{ type: 'text', text: 'Mostly tissue.' }]);
    expect((turns[3].content[0] as { text: string }).text).toContain('1. [100, 0, 150, 40] at 10×: why 1\n2. [200, 0, 250, 40] at 10×: why 2');
    expect(turns[4].content.filter((c) => c.type === 'image').map((c) => (c as { image: string }).image)).toEqual(['box_1.jpeg', 'cyto_box_1.jpeg']);
    expect((turns[5].content[0] as { text: string }).text).toBe('Findings at 10×: findings 1\n\nFindings at high power: cells 1');
  });

  it('opens with the where-to-look question when no impression was accepted', () => {
    const turns = buildConversation(null, [region(1)]);
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant', 'system', 'assistant']);
    expect(turns[0].content[0]).toEqual({ type: 'image', image: 'thumbnail.jpeg' });
  });
});

const line = (region: string, kind: 'inspect' | 'peek', box: [number, number, number, number]): ManifestLine =>
  ({ region, kind, box, magnification: kind === 'peek' ? 40 : 10, decision: 'accept', text: { why: 'w' } }) as unknown as ManifestLine;

describe('COCO and QuPath GeoJSON', () => {
  it('scales boxes to the thumbnail and keeps the level-0 box', () => {
    const coco = buildCoco([{ thumbnail: 'cases/s/thumbnail.jpeg', thumbnailWidth: 100, thumbnailHeight: 50, slide: 's', slideWidth: 1000, slideHeight: 500, lines: [line('box_1', 'inspect', [100, 50, 300, 250]), line('cyto_box_1', 'peek', [150, 100, 200, 150])] }], 'test') as {
      images: unknown[];
      annotations: Array<{ bbox: number[]; bbox_level0: number[]; category_id: number }>;
    };
    expect(coco.images).toHaveLength(1);
    expect(coco.annotations[0].bbox).toEqual([10, 5, 20, 20]);
    expect(coco.annotations[0].bbox_level0).toEqual([100, 50, 200, 200]);
    expect(coco.annotations.map((a) => a.category_id)).toEqual([1, 2]);
  });

  it('writes rectangles in level-0 pixels with QuPath classifications', () => {
    const gj = JSON.parse(buildQupathGeoJson([line('box_1', 'inspect', [100, 50, 300, 250])])) as { features: Array<{ geometry: { coordinates: number[][][] }; properties: Record<string, unknown> }> };
    expect(gj.features[0].geometry.coordinates[0]).toContainEqual([300, 250]);
    expect(gj.features[0].properties.name).toBe('box_1');
    expect((gj.features[0].properties.classification as { name: string }).name).toBe('inspect 10x');
  });
});
