import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import { FIXTURES, PHILIPS_IDENTIFIERS, slideFixture } from '../../fixtures/slides/generate';
import { meanAbsDiff } from './compare';

const dir = mkdtempSync(join(tmpdir(), 'sightline-philips-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Base64 JPEG of a scanned image of the given type, as the fixture's XML holds it. */
function embedded(file: Buffer, type: string): Buffer {
  const xml = file.toString('latin1');
  const m = new RegExp(`Name="PIM_DP_IMAGE_DATA"[^>]*>([^<]*)</Attribute><Attribute Name="PIM_DP_IMAGE_TYPE"[^>]*>${type}<`).exec(xml);
  if (!m) throw new Error(`no ${type} in the fixture`);
  return Buffer.from(m[1], 'base64');
}

describe('Philips TIFF', () => {
  const info = FIXTURES['philips-like.tiff'];

  it('is read with its vendor, MPP and level sizes from the XML (levels cut to their real size, not the padded tiles)', async () => {
    const r = await openSlideFile(await slideFixture('philips-like.tiff'));
    try {
      expect([r.format, r.vendor]).toEqual(['philips-tiff', 'philips']);
      expect(r.mpp).toEqual({ x: 0.25, y: 0.25 });
      expect(r.objectivePower).toBeNull();
      expect(r.levels.map((l) => [l.width, l.height, l.downsample])).toEqual(info.downsamples.map((ds) => [info.width / ds, info.height / ds, ds]));
      expect(r.properties).toMatchObject({
        'philips.DICOM_MANUFACTURER': 'PHILIPS',
        'philips.DICOM_MANUFACTURERS_MODEL_NAME': 'UFS Scanner',
        'philips.DICOM_SOFTWARE_VERSIONS': '"1.8.6824" "20180906_R51" "4.0.3"',
        'philips.PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE[0].DICOM_PIXEL_SPACING': '"0.00025" "0.00025"',
        'tiff.Software': 'Philips DP v1.0',
        'openslide.mpp-x': '0.25',
      });
    } finally {
      await r.close();
    }
  });

  it('has the label and macro images stored as Base64 JPEG in the XML', async () => {
    const path = await slideFixture('philips-like.tiff');
    const file = readFileSync(path);
    const r = await openSlideFile(path);
    try {
      expect(r.associatedImages).toEqual([
        { name: 'label', width: 240, height: 200 },
        { name: 'macro', width: 640, height: 240 },
      ]);
      for (const [name, type] of [
        ['label', 'LABELIMAGE'],
        ['macro', 'MACROIMAGE'],
      ] as const) {
        const ours = await r.readAssociated(name);
        const theirs = await sharp(embedded(file, type)).removeAlpha().raw().toBuffer();
        expect(meanAbsDiff(ours, theirs).mad, name).toBe(0);
      }
    } finally {
      await r.close();
    }
  });

  it('shows neither the barcode, the source file name nor the XML with the label’s pixels', async () => {
    const r = await openSlideFile(await slideFixture('philips-like.tiff'));
    try {
      const shown = JSON.stringify(r.properties);
      for (const id of [PHILIPS_IDENTIFIERS.barcode, Buffer.from(PHILIPS_IDENTIFIERS.barcode).toString('base64'), PHILIPS_IDENTIFIERS.sourceFilename]) expect(shown).not.toContain(id);
      expect(r.properties['tiff.ImageDescription']).toBeUndefined();
      expect(Object.keys(r.properties).some((k) => /BARCODE|IMAGE_DATA/.test(k))).toBe(false);
    } finally {
      await r.close();
    }
  });

  it('with a malformed XML description still opens, as a generic TIFF, without showing the XML', async () => {
    const file = readFileSync(await slideFixture('philips-like.tiff'));
    const broken = Buffer.from(file);
    const at = broken.lastIndexOf('</DataObject>');
    broken.write('</DataObjecX>', at, 'latin1');
    const path = join(dir, 'broken-xml.tiff');
    writeFileSync(path, broken);
    const r = await openSlideFile(path);
    try {
      expect([r.format, r.vendor]).toEqual(['generic-tiff', 'generic']);
      expect([r.width, r.height]).toEqual([info.width, info.height]);
      expect(r.associatedImages).toEqual([]);
      expect(r.properties['tiff.ImageDescription']).toBeUndefined();
      const img = await r.readRegion(0, 0, 0, 64, 64);
      expect([img.width, img.height]).toEqual([64, 64]);
    } finally {
      await r.close();
    }
  });

  it('with a label that is not a JPEG still opens, without that label', async () => {
    const file = readFileSync(await slideFixture('philips-like.tiff'));
    const label = embedded(file, 'LABELIMAGE').toString('base64');
    expect(label.startsWith('/9j/')).toBe(true);
    const patched = Buffer.from(file);
    // Still Base64 of the same length, but no longer starting with a JPEG's SOI marker.
    patched.write('AAAA', file.indexOf(label), 'latin1');
    const path = join(dir, 'bad-label.tiff');
    writeFileSync(path, patched);
    const r = await openSlideFile(path);
    try {
      expect(r.vendor).toBe('philips');
      expect(r.associatedImages.map((a) => a.name)).toEqual(['macro']);
    } finally {
      await r.close();
    }
  });
});
