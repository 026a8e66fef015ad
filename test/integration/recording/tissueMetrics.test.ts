import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import { LruCache } from '../../../electron/core/slides/lruCache';
import { computeTissueMask, TISSUE_MASK_LONG_SIDE } from '../../../electron/core/recording/tissueMask';
import type { RecordingSession, SessionMetrics } from '../../../shared/contract';
import { sessionMetrics } from '../../../shared/recording/metrics';
import { call, tempCore, tempDir } from '../../support/tempCore';
import { addTissueSlide, H, HEADER, tissueSession, tissueSlidePath, tissueTruth, W } from './tissueSlide';

describe('share of the tissue seen at ≥ 10×', () => {
  it('finds the tissue islands of a slide from its low-resolution image', async () => {
    const reader = await openSlideFile(await tissueSlidePath(), { rawCache: new LruCache(64 * 1024 * 1024, (r) => r.data.length), cacheDir: tempDir() });
    try {
      const mask = await computeTissueMask(reader);
      expect([mask.cols, mask.rows]).toEqual([TISSUE_MASK_LONG_SIDE, (TISSUE_MASK_LONG_SIDE * H) / W]);
      const truth = await tissueTruth();
      let agree = 0;
      let tissue = 0;
      for (let r = 0; r < mask.rows; r++) {
        for (let c = 0; c < mask.cols; c++) {
          const m = mask.cells[r * mask.cols + c];
          tissue += m;
          if (m === (truth.isTissue(((c + 0.5) * W) / mask.cols, ((r + 0.5) * H) / mask.rows) ? 1 : 0)) agree++;
        }
      }
      // Islands on white: the cells agree with where the fixture drew tissue, but for some at the islands' edges.
      expect(agree / mask.cells.length).toBeGreaterThan(0.97);
      expect(tissue / mask.cells.length).toBeCloseTo(truth.share, 1);
      expect(truth.share).toBeLessThan(0.5);
    } finally {
      await reader.close();
    }
  });

  it('measures a session that looked at 10× only at tissue against the tissue, not the whole slide', async () => {
    const core = tempCore();
    try {
      const { slideId, userId } = await addTissueSlide(core, await tissueSlidePath());
      const { events, jsonl } = await tissueSession();
      expect(events.filter((e) => e.type === 'viewport').length).toBeGreaterThan(10);
      const s = await call<RecordingSession>(core, 'recording.import', { slideId, jsonl }, userId);
      const m = await call<SessionMetrics>(core, 'recording.metrics', { sessionId: s.id });
      const againstSlide = sessionMetrics(HEADER, events);
      const truth = await tissueTruth();

      expect(againstSlide.seenAt10xBasis).toBe('slide');
      expect(m.seenAt10xBasis).toBe('tissue');
      // Every cell seen at 10× is tissue, so the share of the tissue is the share of the slide over the tissue's share.
      expect(m.seenAt10xShare).toBeGreaterThan(2 * againstSlide.seenAt10xShare);
      expect(m.seenAt10xShare / (againstSlide.seenAt10xShare / truth.share)).toBeGreaterThan(0.85);
      expect(m.seenAt10xShare / (againstSlide.seenAt10xShare / truth.share)).toBeLessThan(1.15);
      // Nothing else changes.
      const { seenAt10xShare: _a, seenAt10xBasis: _b, sessionId: _c, ...rest } = m;
      const { seenAt10xShare: _d, seenAt10xBasis: _e, ...restSlide } = againstSlide;
      expect(rest).toEqual(restSlide);
      // Computed once per slide: a second call gives the same.
      expect(await call<SessionMetrics>(core, 'recording.metrics', { sessionId: s.id })).toEqual(m);
    } finally {
      core.close();
    }
  });

  it('falls back to the whole slide when the slide file is gone', async () => {
    const dataDir = tempDir();
    const copy = join(dataDir, 'islands.svs');
    copyFileSync(await tissueSlidePath(), copy);
    const core = tempCore(dataDir);
    const { slideId, userId } = await addTissueSlide(core, copy);
    const { events, jsonl } = await tissueSession();
    const s = await call<RecordingSession>(core, 'recording.import', { slideId, jsonl }, userId);
    core.close();
    rmSync(copy);

    const again = tempCore(dataDir);
    try {
      const m = await call<SessionMetrics>(again, 'recording.metrics', { sessionId: s.id });
      expect(m.seenAt10xBasis).toBe('slide');
      expect(m.seenAt10xShare).toBe(sessionMetrics(HEADER, events).seenAt10xShare);
    } finally {
      again.close();
    }
  });
});
