import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, CoreDeps } from '../../../electron/core/context';
import { exportPathologyCot, type ExportOptions } from '../../../electron/core/export/pathologyCot';
import { exportState } from '../../../electron/core/export/staging';
import { Jobs } from '../../../electron/core/jobs/jobs';
import { closeSlideEngine } from '../../../electron/core/slides/slideEngineRegistry';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { tempDir } from '../../support/tempCore';
import type { ReviewSetup } from '../review/reviewSetup';
import { filesBelow, reviewedProject } from './exportSetup';

// The export runs against the project's real database and slides, with a progress callback that cancels it at an
// exact point (a job's pushed progress events are throttled, so they cannot mark a precise moment).
let s: ReviewSetup;
let deps: CoreDeps;
beforeAll(async () => {
  s = await reviewedProject();
  s.core.close();
  const db = openDatabase(join(s.dataDir, 'sightline.db'));
  deps = { db, dataDir: s.dataDir, filesDir: join(s.dataDir, 'files'), door: 'cli', version: '0.0.0-test', jobs: new Jobs(() => undefined), emit: () => undefined };
});
afterAll(async () => {
  await closeSlideEngine(deps);
  deps.db.close();
});

function ctxCancellingAt(imagesDone: number | null): CallContext {
  const controller = new AbortController();
  return {
    actorId: s.userId,
    signal: controller.signal,
    progress: (done) => {
      if (imagesDone !== null && done >= imagesDone) controller.abort();
    },
  };
}

describe('cancel and resume', () => {
  it('leaves only the .partial folder when cancelled, keeps finished cases, and resumes from them', async () => {
    const out = join(tempDir('sightline-export-'), 'dataset');
    const opts: ExportOptions = { projectId: s.projectId, out, includeRejected: false, deidentify: true, maxCropSide: 1024 };
    // The first case has 2 thumbnails, 2 boxes and 1 high-power crop: cancel during the second case.
    await expect(exportPathologyCot(deps, ctxCancellingAt(6), opts)).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringContaining('after 1 of 2 cases') });
    expect(existsSync(out)).toBe(false);
    expect(exportState(out)).toEqual({ state: 'partial', casesWritten: 1 });
    const cases = readdirSync(join(`${out}.partial`, 'cases'));
    expect(cases).toHaveLength(1);
    expect(existsSync(join(`${out}.partial`, 'manifest.jsonl'))).toBe(false);

    // A case folder a crash left half-written is discarded on resume.
    mkdirSync(join(`${out}.partial`, 'cases', '.tmp-slide-000000000000'));
    writeFileSync(join(`${out}.partial`, 'cases', '.tmp-slide-000000000000', 'box_1.jpeg'), 'half');

    // Other options cannot resume it.
    await expect(exportPathologyCot(deps, ctxCancellingAt(null), { ...opts, includeRejected: true })).rejects.toMatchObject({ code: 'CONFLICT' });

    const r = await exportPathologyCot(deps, ctxCancellingAt(null), opts);
    expect(r).toMatchObject({ cases: 2, casesResumed: 1, regions: 3 });
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(exportState(out).state).toBe('complete');

    // The resumed export holds exactly what an uninterrupted one does.
    const fresh = join(tempDir('sightline-export-'), 'fresh');
    await exportPathologyCot(deps, ctxCancellingAt(null), { ...opts, out: fresh });
    expect(filesBelow(out)).toEqual(filesBelow(fresh));
    expect(readFileSync(join(out, 'manifest.jsonl'), 'utf8')).toBe(readFileSync(join(fresh, 'manifest.jsonl'), 'utf8'));
    expect(filesBelow(out).some((f) => f.includes('.case.json') || f.includes('.tmp-') || f.includes('.sightline-export'))).toBe(false);
  });

  it('rewrites a finished case on resume when its reviews changed in between', async () => {
    const out = join(tempDir('sightline-export-'), 'dataset');
    const opts: ExportOptions = { projectId: s.projectId, out, includeRejected: false, deidentify: true, maxCropSide: 1024 };
    await expect(exportPathologyCot(deps, ctxCancellingAt(6), opts)).rejects.toMatchObject({ code: 'CANCELLED' });
    // A reviewer changes the first slide's accepted region meanwhile.
    const item = deps.db.prepare("SELECT id FROM review_items WHERE slide_id = ? AND kind = 'inspect' ORDER BY ordinal LIMIT 1").pluck().get(s.slides[0].slideId) as number;
    const draft = deps.db.prepare('SELECT id, fields FROM review_drafts WHERE item_id = ? ORDER BY id DESC LIMIT 1').get(item) as { id: number; fields: string };
    deps.db
      .prepare(
        "INSERT INTO reviews (item_id, draft_id, reviewer_id, mode, decision, final, elapsed_ms, keystrokes, edit_distance, created_at) VALUES (?, ?, ?, 'review', 'edit', ?, 100, '{}', '{}', 'now')",
      )
      .run(item, draft.id, s.userId, JSON.stringify({ ...JSON.parse(draft.fields), why: 'Changed after the first run.' }));
    const r = await exportPathologyCot(deps, ctxCancellingAt(null), opts);
    expect(r.casesResumed).toBe(0);
    expect(readFileSync(join(out, 'manifest.jsonl'), 'utf8')).toContain('Changed after the first run.');
  });

  it('cancelled before any case, it resumes from scratch', async () => {
    const out = join(tempDir('sightline-export-'), 'dataset');
    const opts: ExportOptions = { projectId: s.projectId, out, includeRejected: false, deidentify: true, maxCropSide: 256 };
    await expect(exportPathologyCot(deps, ctxCancellingAt(0), opts)).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringContaining('after 0 of 2 cases') });
    expect(exportState(out)).toEqual({ state: 'partial', casesWritten: 0 });
    expect(await exportPathologyCot(deps, ctxCancellingAt(null), opts)).toMatchObject({ cases: 2, casesResumed: 0 });
  });
});
