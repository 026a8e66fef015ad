import { Ajv } from 'ajv';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportPreflight, ExportResult, ExportState } from '../../../shared/contract';
import type { ManifestLine, Turn } from '../../../shared/review/dataset';
import { PHILIPS_IDENTIFIERS } from '../../fixtures/slides/generate';
import { call, tempDir } from '../../support/tempCore';
import { failure, type ReviewSetup } from '../review/reviewSetup';
import { filesBelow, readJson, readJsonl, reviewedProject } from './exportSetup';

const schema = (name: string) => readJson<object>(join(import.meta.dirname, '../../../schemas', name));
const ajv = new Ajv({ allErrors: true, strict: true });
const validConversation = ajv.compile(schema('conversation.schema.json'));
const validLine = ajv.compile(schema('manifest-line.schema.json'));

let s: ReviewSetup;
let out: string;
let result: ExportResult;
beforeAll(async () => {
  s = await reviewedProject();
  out = join(tempDir('sightline-export-'), 'dataset');
  result = await call<ExportResult>(s.core, 'export.pathologyCot', { projectId: s.projectId, out }, s.userId);
});
afterAll(() => s?.core.close());

describe('Pathology-CoT export', () => {
  it('counts what it wrote: accepted and edited regions only, by default', () => {
    expect(result).toMatchObject({ cases: 2, casesResumed: 0, regions: 3, highPowerCrops: 2, images: 2 * 2 + 3 + 2, manifestLines: 5, rejectedIncluded: 0, deidentified: true });
    expect(result.redactions).toBe(3);
  });

  it('writes a folder per case with the thumbnails, box_N and cyto_box_N crops and a conversation, plus manifest, card, COCO and GeoJSON', () => {
    const files = filesBelow(out);
    const cases = [...new Set(files.filter((f) => f.startsWith('cases/')).map((f) => f.split('/')[1]))];
    expect(cases).toHaveLength(2);
    for (const c of cases) expect(c).toMatch(/^slide-[0-9a-f]{12}$/);
    expect(files.filter((f) => f.startsWith(`cases/${cases[0]}/`) || f.startsWith(`cases/${cases[1]}/`)).map((f) => f.split('/')[2]).sort()).toEqual(
      ['box_1.jpeg', 'box_1.jpeg', 'box_2.jpeg', 'conversation.json', 'conversation.json', 'cyto_box_1.jpeg', 'cyto_box_1.jpeg', 'thumbnail.jpeg', 'thumbnail.jpeg', 'thumbnail_with_boxes.jpeg', 'thumbnail_with_boxes.jpeg'].sort(),
    );
    expect(files.filter((f) => !f.startsWith('cases/'))).toEqual([
      'README.md',
      'coco.json',
      'manifest.jsonl',
      ...cases.map((c) => `qupath/${c}.geojson`).sort(),
      'schemas/conversation.schema.json',
      'schemas/manifest-line.schema.json',
    ]);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('validates against the JSON Schemas shipped in schemas/, with every referenced file present', () => {
    const lines = readJsonl<ManifestLine>(join(out, 'manifest.jsonl'));
    expect(lines).toHaveLength(5);
    for (const l of lines) {
      expect(validLine(l), JSON.stringify(validLine.errors)).toBe(true);
      expect(existsSync(join(out, l.image))).toBe(true);
    }
    for (const c of new Set(lines.map((l) => l.folder))) {
      const turns = readJson<Turn[]>(join(out, c, 'conversation.json'));
      expect(validConversation(turns), JSON.stringify(validConversation.errors)).toBe(true);
      for (const t of turns) for (const part of t.content) if (part.type === 'image') expect(existsSync(join(out, c, part.image))).toBe(true);
    }
    // The schemas catch what is wrong.
    expect(validLine({ ...lines[0], image: '/abs/box_1.jpeg' })).toBe(false);
    expect(validLine({ ...lines[0], slideName: 'x' })).toBe(false);
    expect(validConversation([{ role: 'user', content: [{ type: 'image', image: 'label.jpeg' }] }, { role: 'assistant', content: [{ type: 'text', text: 'x' }] }])).toBe(false);
  });

  it('carries its own JSON Schemas, the ones in the repository, and its card points at them relatively', () => {
    for (const name of ['manifest-line.schema.json', 'conversation.schema.json']) expect(readJson(join(out, 'schemas', name))).toEqual(schema(name));
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    const referenced = [...card.matchAll(/schema: (schemas\/[\w.-]+\.json)/g)].map((m) => m[1]);
    expect(referenced.sort()).toEqual(['schemas/conversation.schema.json', 'schemas/manifest-line.schema.json']);
    for (const r of referenced) expect(existsSync(join(out, r))).toBe(true);
    expect(card).not.toContain('in Sightline)');
  });

  it('states the size, magnification and µm per pixel of every written image as they really are', async () => {
    const lines = readJsonl<ManifestLine>(join(out, 'manifest.jsonl'));
    for (const l of lines) {
      const meta = await sharp(join(out, l.image)).metadata();
      expect([meta.width, meta.height]).toEqual([l.imageWidth, l.imageHeight]);
      // The level-0 box over the image width is the level-0 pixels per written pixel.
      expect(l.imageMpp).not.toBeNull();
      expect(l.imageMpp!).toBeCloseTo(((l.box[2] - l.box[0]) / l.imageWidth) * (l.slideSha256 === s.slides[0].sha256 ? 0.499 : 0.25), 2);
    }
    const first = lines.filter((l) => l.slideSha256 === s.slides[0].sha256);
    // A 10× view of 400 × 300 CSS px: 400 × 300 px at 10×. The 40× peek on this 20× slide can only be written at 20×.
    expect(first[0]).toMatchObject({ magnification: 10, imageMagnification: 10, imageWidth: 400, imageHeight: 300 });
    expect(first[1]).toMatchObject({ magnification: 40, imageMagnification: 20, imageMpp: 0.499 });
    const second = lines.find((l) => l.slideSha256 === s.slides[1].sha256 && l.kind === 'peek')!;
    expect(second).toMatchObject({ magnification: 40, imageMagnification: 40, imageMpp: 0.25 });
    const turns = readJson<Turn[]>(join(out, first[0].folder, 'conversation.json'));
    const system = turns.find((t) => t.role === 'system')!;
    expect(system.content[0]).toEqual({ type: 'text', text: 'Region 1 [1040, 780, 1840, 1380] at 10×.' });
    expect(system.content[2]).toEqual({ type: 'text', text: 'High-power view at 40× (the image is at 20×, 0.499 µm per pixel).' });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('(1 of 5 here)');
  });

  it('says so when crops were shrunk to a maximum side', async () => {
    const small = join(tempDir('sightline-export-'), 'small');
    await call(s.core, 'export.pathologyCot', { projectId: s.projectId, out: small, maxCropSide: 100 }, s.userId);
    const lines = readJsonl<ManifestLine>(join(small, 'manifest.jsonl'));
    const box1 = lines[0];
    expect(box1).toMatchObject({ magnification: 10, imageWidth: 100, imageHeight: 75, imageMagnification: 2.5, imageMpp: 3.992 });
    expect(validLine(box1), JSON.stringify(validLine.errors)).toBe(true);
    const meta = await sharp(join(small, box1.image)).metadata();
    expect([meta.width, meta.height]).toEqual([100, 75]);
    const turns = readJson<Turn[]>(join(small, box1.folder, 'conversation.json'));
    expect(turns.find((t) => t.role === 'system')!.content[0]).toEqual({ type: 'text', text: 'Region 1 [1040, 780, 1840, 1380] at 10× (the image is at 2.5×, 3.99 µm per pixel).' });
    expect(readFileSync(join(small, 'README.md'), 'utf8')).toContain('would have exceeded 100 px');
  });

  it('pairs each peek with its inspect box and keeps the box, magnification, timings and provenance', () => {
    const lines = readJsonl<ManifestLine>(join(out, 'manifest.jsonl'));
    const first = lines.filter((l) => l.slideSha256 === s.slides[0].sha256);
    expect(first.map((l) => [l.region, l.kind, l.parent, l.children])).toEqual([
      ['box_1', 'inspect', null, ['cyto_box_1']],
      ['cyto_box_1', 'peek', 'box_1', []],
      ['box_2', 'inspect', null, []],
    ]);
    expect(first[0]).toMatchObject({ box: [1040, 780, 1840, 1380], magnification: 10, durationMs: 3000, visits: 1, decision: 'accept', mode: 'review', source: 'behavior', draft: { backend: 'builtin', modelVersion: 'templates-1' } });
    expect(first[1]).toMatchObject({ box: [1340, 1005, 1540, 1155], magnification: 40, durationMs: 2000 });
    expect(first[2]).toMatchObject({ decision: 'edit', redactions: 3 });
    expect(first[2].text.why).toBe('Like [removed]’s earlier biopsy ([removed], [removed]): check the glands.');
    expect(first[0].reviewer).toMatch(/^reviewer-[0-9a-f]{12}$/);
  });

  it('tells the case as a conversation: impression, where to look with coordinates, then each region with its images and findings', () => {
    const line = readJsonl<ManifestLine>(join(out, 'manifest.jsonl'))[0];
    const turns = readJson<Turn[]>(join(out, line.folder, 'conversation.json'));
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'system', 'assistant', 'system', 'assistant']);
    const text = (t: Turn) => t.content.filter((c) => c.type === 'text').map((c) => (c as { text: string }).text).join(' ');
    expect(text(turns[3])).toContain('1. [1040, 780, 1840, 1380] at 10×');
    expect(turns[4].content.filter((c) => c.type === 'image')).toEqual([{ type: 'image', image: 'box_1.jpeg' }, { type: 'image', image: 'cyto_box_1.jpeg' }]);
    expect(text(turns[5])).toMatch(/^Findings at 10×: .*\n\nFindings at high power: At 40×/s);
  });

  it('contains no original slide, case, patient or reviewer name, no path, and no label or macro image', async () => {
    const barcode = [PHILIPS_IDENTIFIERS.barcode, Buffer.from(PHILIPS_IDENTIFIERS.barcode).toString('base64'), PHILIPS_IDENTIFIERS.sourceFilename];
    const forbidden = ['JaneDoe', 'JohnRoe', 'Jane', 'John', 'S21-12345', 'H19-4567', '7654321', '12/03/2021', 'Ada', 'Lovelace', 'Case 001', s.dataDir, '.svs', '.tif', ...barcode];
    for (const f of filesBelow(out)) {
      const bytes = readFileSync(join(out, f)).toString('latin1');
      for (const word of forbidden) expect(bytes.includes(word), `${f} contains "${word}"`).toBe(false);
    }
    const assoc = async (slideId: number, name: string) => sharp((await s.core.resource(`slides/${slideId}/assoc/${name}.jpg`)).body as Buffer).raw().toBuffer({ resolveWithObject: true });
    // The Aperio slide's are TIFF directories; the Philips slide's, Base64 JPEGs in its XML.
    const associated = await Promise.all(s.slides.flatMap((sl) => [assoc(sl.slideId, 'label'), assoc(sl.slideId, 'macro')]));
    for (const f of filesBelow(out).filter((x) => x.endsWith('.jpeg'))) {
      const img = sharp(join(out, f));
      const meta = await img.metadata();
      expect(meta.exif ?? meta.xmp ?? meta.iptc ?? meta.icc, `${f} carries metadata`).toBeUndefined();
      const px = await img.raw().toBuffer({ resolveWithObject: true });
      for (const a of associated) {
        if (px.info.width !== a.info.width || px.info.height !== a.info.height) continue;
        let diff = 0;
        for (let i = 0; i < px.data.length; i++) diff += Math.abs(px.data[i] - a.data[i]);
        expect(diff / px.data.length, `${f} looks like a label or macro image`).toBeGreaterThan(20);
      }
    }
  });

  it('gives each slide the same pseudonym in every export of the project', async () => {
    const again = join(tempDir('sightline-export-'), 'again');
    await call(s.core, 'export.pathologyCot', { projectId: s.projectId, out: again, includeRejected: true }, s.userId);
    const before = readJsonl<ManifestLine>(join(out, 'manifest.jsonl'));
    const after = readJsonl<ManifestLine>(join(again, 'manifest.jsonl'));
    expect(new Set(after.map((l) => l.slide))).toEqual(new Set(before.map((l) => l.slide)));
    // With rejected regions: in the manifest, COCO and GeoJSON, never in a conversation.
    const rejected = after.filter((l) => l.decision === 'reject');
    expect(rejected).toHaveLength(1);
    const turns = readJson<Turn[]>(join(again, rejected[0].folder, 'conversation.json'));
    expect(JSON.stringify(turns)).not.toContain(rejected[0].image.split('/').at(-1));
    expect(readFileSync(join(again, 'README.md'), 'utf8')).toContain('Rejected regions are included');
    const coco = readJson<{ annotations: Array<{ decision: string }> }>(join(again, 'coco.json'));
    expect(coco.annotations.filter((a) => a.decision === 'reject')).toHaveLength(1);
  });

  it('writes a dataset card with the counts, the layout and how the data was made', () => {
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(card).toContain('| regions (box_N) | 3 |');
    expect(card).toContain('| high-power crops (cyto_box_N) | 2 |');
    expect(card).toContain('| builtin | 1.0.0 | sightline-templates | templates-1 | 3 |');
    expect(card).toContain('HMAC-SHA-256');
    expect(card).toContain('conversation.json');
  });

  it('preflight lists identifiers still in reviewed texts for the reviewer to fix', async () => {
    const p = await call<ExportPreflight>(s.core, 'export.preflight', { projectId: s.projectId });
    expect(p).toMatchObject({ cases: 2, regions: 3, highPowerCrops: 2, rejected: 1, unreviewed: 0 });
    expect(p.flags.map((f) => [f.kind, f.text, f.caseName])).toEqual([
      ['name', 'Jane Doe', 'Jane Doe 12/03/2021'],
      ['record-number', 'S21-12345', 'Jane Doe 12/03/2021'],
      ['date', '12/03/2021', 'Jane Doe 12/03/2021'],
    ]);
  });

  it('never writes into an existing folder, and says what is at a folder', async () => {
    expect(await call<ExportState>(s.core, 'export.state', { out })).toEqual({ state: 'complete', casesWritten: 2 });
    const e = await failure(s.core, 'export.pathologyCot', { projectId: s.projectId, out }, s.userId);
    expect(e.code).toBe('CONFLICT');
    const other = join(tempDir('sightline-export-'), 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'mine.txt'), 'keep me');
    expect((await failure(s.core, 'export.pathologyCot', { projectId: s.projectId, out: other }, s.userId)).code).toBe('CONFLICT');
    expect(readFileSync(join(other, 'mine.txt'), 'utf8')).toBe('keep me');
    expect(await call<ExportState>(s.core, 'export.state', { out: other })).toEqual({ state: 'other', casesWritten: 0 });
    expect((await failure(s.core, 'export.pathologyCot', { projectId: s.projectId, out: join(other, 'missing', 'x') }, s.userId)).code).toBe('FILE_NOT_FOUND');
    expect((await failure(s.core, 'export.pathologyCot', { projectId: 999, out: join(other, 'y') }, s.userId)).code).toBe('NOT_FOUND');
  });

  it('can keep names when de-identification is turned off', async () => {
    const plain = join(tempDir('sightline-export-'), 'plain');
    const r = await call<ExportResult>(s.core, 'export.pathologyCot', { projectId: s.projectId, out: plain, deidentify: false }, s.userId);
    expect(r.redactions).toBe(0);
    const lines = readJsonl<ManifestLine>(join(plain, 'manifest.jsonl'));
    expect(lines[0]).toMatchObject({ slide: 'JaneDoe_S21-12345.svs', case: 'Jane Doe 12/03/2021', reviewer: 'Ada Lovelace', folder: 'cases/JaneDoe_S21-12345' });
    expect(readFileSync(join(plain, 'README.md'), 'utf8')).toContain('De-identification was turned OFF');
  });
});
