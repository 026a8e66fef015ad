import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { iou, type Box } from '../../../shared/models/boxes';
import { lesionSlide } from '../../fixtures/lesions/lesionSlide';
import { call, tempCore, tempDir } from '../../support/tempCore';
import { expertSessionJsonl, projectWithSlides } from './proposalSetup';

const BIN = fileURLToPath(new URL('../../../bin/sightline.mjs', import.meta.url));
const run = async (args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, SIGHTLINE_DATA_DIR: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

describe('sightline propose on a slide file', () => {
  it('reads a pyramidal TIFF through the slide reader and prints the boxes in level-0 pixels', async () => {
    const slide = await lesionSlide('test', 1);
    const r = await run(['propose', slide.path, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { model: { name: string; version: string }; proposals: Array<{ box: Box; score: number; confidence: number; passes: number; abstain: boolean }> };
    expect(out.model).toEqual({ name: 'roi-proposer', version: '1.0.0' });
    for (const lesion of slide.lesions) expect(Math.max(...out.proposals.map((p) => iou(p.box, lesion)))).toBeGreaterThanOrEqual(0.3);
    for (const p of out.proposals) expect(Object.keys(p).sort()).toEqual(['abstain', 'box', 'confidence', 'passes', 'score']);
  }, 60_000);
});

describe('sightline train roi --project', () => {
  it("learns from a project's recorded sessions and prints the new version with its held-out figures", async () => {
    const dataDir = tempDir();
    const slides = await Promise.all([0, 1].map((i) => lesionSlide('heldout', i)));
    const core = tempCore(dataDir);
    let projectId: number;
    try {
      const ids = await projectWithSlides(core, slides);
      projectId = ids.projectId;
      for (const [i, s] of slides.entries()) await call(core, 'recording.import', { slideId: ids.slideIds[i], jsonl: expertSessionJsonl(s, s.lesions) }, ids.userId);
    } finally {
      core.close();
    }
    const r = await run(['train', 'roi', '--project', String(projectId), '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^trained roi-proposer@1\.1\.0 → .*roi-proposer[/\\]1\.1\.0[/\\]card\.json\n {2}held out \(1 images\): recall@5 \d\.\d{3}, precision \d\.\d{3} {2}\(before: /);

    const neither = await run(['train', 'roi', '--data-dir', dataDir]);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toBe('sightline: Give either --project <id> or --from <dir>.\n');
  }, 90_000);
});
