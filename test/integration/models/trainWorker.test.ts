import { describe, expect, it } from 'vitest';
import { trainRoiHeadInWorker } from '../../../electron/core/models/trainInWorker';
import { asTrainingImages, lesionSplit } from '../../fixtures/lesions/split';

describe('training off the event loop', () => {
  it('fits the head in a worker while the caller keeps ticking, and gives the same head as in-process', async () => {
    const images = asTrainingImages(await lesionSplit('train', 4, { width: 320, height: 256 }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const t0 = performance.now();
    const r = await trainRoiHeadInWorker(images, 3, {});
    const ms = performance.now() - t0;
    clearInterval(timer);
    expect(r.head.weights).toHaveLength(11);
    expect(r.trainImages).toHaveLength(3);
    expect(ticks).toBeGreaterThan(ms / 10 / 4);
    const { trainRoiHead } = await import('../../../shared/models/trainRoiHead');
    expect(trainRoiHead({ images }, 3).head).toEqual(r.head);
  }, 60_000);

  it('is cancelled by its signal, and reports bad data as a clear error', async () => {
    const images = asTrainingImages(await lesionSplit('train', 2, { width: 160, height: 128 }));
    const c = new AbortController();
    const p = trainRoiHeadInWorker(images, 1, {}, c.signal);
    c.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(trainRoiHeadInWorker(images.map((i) => ({ ...i, positives: [] })), 1, {})).rejects.toThrow(/Cannot train: None of the training images has a positive box/);
  }, 60_000);
});
