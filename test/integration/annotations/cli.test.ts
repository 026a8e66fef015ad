import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotationSetup } from './setup';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/sightline.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../unit/annotations/fixtures/', import.meta.url));

async function sightline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

let dataDir: string;
let slideId: number;

beforeAll(async () => {
  const s = await annotationSetup();
  dataDir = s.dataDir;
  slideId = s.slideId;
  s.core.close();
});

describe('sightline annotations', () => {
  it('imports a QuPath file with an author, lists, and exports both formats', async () => {
    const imported = await sightline('annotations', 'import', join(FIXTURES, 'qupath-0.5.geojson'), '--slide', String(slideId), '--profile', 'ada', '--data-dir', dataDir, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ created: 6, classesCreated: ['Tumor', 'Stroma', 'Immune cells'] });

    const listed = await sightline('annotations', 'list', '--slide', String(slideId), '--data-dir', dataDir, '--json');
    const l = JSON.parse(listed.stdout) as { annotations: { authorName: string }[] };
    expect(l.annotations.map((a) => a.authorName)).toEqual(Array(6).fill('Ada'));

    const out = join(dataDir, 'out.xml');
    const exported = await sightline('annotations', 'export', '--slide', String(slideId), '--format', 'asap', '--out', out, '--data-dir', dataDir);
    expect(exported).toMatchObject({ code: 0, stdout: `6 annotations written to ${out} (ASAP XML)\n` });
    expect(readFileSync(out, 'utf8')).toMatch(/^<\?xml version="1.0"\?>\n<ASAP_Annotations>/);

    const toStdout = await sightline('annotations', 'export', '--slide', String(slideId), '--format', 'geojson', '--data-dir', dataDir);
    expect(JSON.parse(toStdout.stdout).features).toHaveLength(6);
  });

  it('refuses a bad file with one clear line naming the file and the place, and imports nothing', async () => {
    const bad = join(dataDir, 'broken.xml');
    writeFileSync(bad, readFileSync(join(FIXTURES, 'asap-1.9.xml'), 'utf8').replace('Type="Spline"', 'Type="Circle"'));
    const r = await sightline('annotations', 'import', bad, '--slide', String(slideId), '--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'sightline: broken.xml (ASAP XML) cannot be imported: line 16, <Annotation>: Type="Circle" is not an ASAP annotation type (Dot, PointSet, Measurement, Rectangle, Polygon, Spline). Nothing was imported.\n',
    );
    // Refused before the library is opened, so these can run side by side.
    const [missing, badSlide, badFormat] = await Promise.all([
      sightline('annotations', 'import', join(dataDir, 'nope.geojson'), '--slide', String(slideId), '--data-dir', dataDir, '--json'),
      sightline('annotations', 'export', '--slide', 'one', '--format', 'geojson', '--data-dir', dataDir),
      sightline('annotations', 'export', '--slide', String(slideId), '--format', 'svg', '--out', join(dataDir, 'x.svg'), '--data-dir', dataDir),
    ]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    expect(badSlide.stderr).toBe('sightline: --slide must be a positive whole number, not "one".\n');
    expect(badFormat.stderr).toBe('sightline: --format must be geojson or asap, not "svg".\n');
    expect(existsSync(join(dataDir, 'x.svg'))).toBe(false);
    const listed = await sightline('annotations', 'list', '--slide', String(slideId), '--data-dir', dataDir);
    expect(listed.stdout.split('\n')[0]).toBe('6 annotations on slide 1');
  });
});
