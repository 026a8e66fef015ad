import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../models/onnx-writer/graphBuilder';
import { encodeModel } from '../../../models/onnx-writer/onnx';
import { ModelRuntime } from '../../../electron/core/models/runtime';
import { sha256 } from './modelFiles';

/** A deliberately slow model: a stack of 3×3 convolutions over 16 channels. */
function slowModel(layers: number): Uint8Array {
  const b = new GraphBuilder('slow');
  let x = b.input({ name: 'x', dtype: 'float32', shape: [1, 16, 'h', 'w'] });
  for (let i = 0; i < layers; i++) {
    const w = b.constant(`w${i}`, [16, 16, 3, 3], Array.from({ length: 16 * 16 * 9 }, (_, k) => ((k * 7919) % 97) / 97 / 144 - 0.003));
    x = b.op('Conv', [x, w], { pads: [1, 1, 1, 1] });
  }
  b.op('ReduceMean', [x], { keepdims: 0 }, 'y');
  b.output({ name: 'y', dtype: 'float32', shape: [] });
  return encodeModel({ irVersion: 8, opsetVersion: 17, producerName: 'test', producerVersion: '1', modelVersion: 1, graph: b.graph() });
}

let dir: string;
let model: { path: string; key: string };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-runtime-'));
  const bytes = slowModel(24);
  const path = join(dir, 'slow.onnx');
  writeFileSync(path, bytes);
  model = { path, key: sha256(bytes) };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input = (side: number) => ({ x: { type: 'float32' as const, dims: [1, 16, side, side], data: new Float32Array(16 * side * side).fill(0.5) } });

async function timeRun(runtime: ModelRuntime, side: number): Promise<number> {
  const t0 = performance.now();
  await runtime.run(model, input(side));
  return performance.now() - t0;
}

describe('model runtime (ONNX Runtime in worker threads)', () => {
  it('keeps the calling thread responsive during a long inference', async () => {
    const runtime = new ModelRuntime({ workers: 1 });
    try {
      await runtime.run(model, input(16)); // load the session first
      let ticks = 0;
      let worstGap = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        worstGap = Math.max(worstGap, now - last);
        last = now;
        ticks++;
      }, 10);
      const t0 = performance.now();
      let runs = 0;
      // Back-to-back inferences for at least 600 ms: the loop must keep ticking all along.
      while (performance.now() - t0 < 600) {
        const out = await runtime.run(model, input(256));
        expect(out.y.dims).toEqual([]);
        runs++;
      }
      const ms = performance.now() - t0;
      clearInterval(timer);
      expect(runs).toBeGreaterThan(0);
      // A blocked event loop would tick about once per run; a free one ticks every ~10 ms.
      expect(ticks).toBeGreaterThan(Math.max(runs * 3, ms / 10 / 4));
      expect(worstGap).toBeLessThan(Math.max(150, ms / 3));
    } finally {
      await runtime.close();
    }
  });

  it('cancels a running inference at once, frees its slot for the next run, and retires the worker after', async () => {
    const runtime = new ModelRuntime({ workers: 1 });
    try {
      await runtime.run(model, input(16));
      const full = await timeRun(runtime, 384);
      const controller = new AbortController();
      const t0 = performance.now();
      const running = runtime.run(model, input(384), controller.signal);
      setTimeout(() => controller.abort(), 30);
      await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(performance.now() - t0).toBeLessThan(Math.max(200, full / 2));
      // The next run does not wait for the abandoned one.
      const t1 = performance.now();
      await runtime.run(model, input(16));
      expect(performance.now() - t1).toBeLessThan(full / 2 + 500);
      await new Promise((r) => setTimeout(r, full + 200));
      expect(runtime.liveWorkers).toBe(1);
      const queuedCancel = new AbortController();
      const blocker = runtime.run(model, input(64));
      const queued = runtime.run(model, input(64), queuedCancel.signal);
      queuedCancel.abort();
      await expect(queued).rejects.toMatchObject({ code: 'CANCELLED' });
      await blocker;
      const again = await runtime.run(model, input(16));
      expect(again.y.data.length).toBe(1);
    } finally {
      await runtime.close();
    }
  });

  it('reuses the loaded session for the same model file', async () => {
    const runtime = new ModelRuntime({ workers: 1 });
    try {
      const t0 = performance.now();
      await runtime.describe(model);
      const first = performance.now() - t0;
      const t1 = performance.now();
      const sig = await runtime.describe(model);
      const second = performance.now() - t1;
      expect(sig.inputs).toEqual([{ name: 'x', dtype: 'float32', shape: [1, 16, 'h', 'w'] }]);
      expect(second).toBeLessThan(first);
    } finally {
      await runtime.close();
    }
  });

  it('warms every worker of the pool with a model once, and runs go on meanwhile', async () => {
    const runtime = new ModelRuntime({ workers: 2 });
    try {
      expect(runtime.liveWorkers).toBe(0);
      const [, out] = await Promise.all([runtime.warm(model), runtime.run(model, input(16))]);
      expect(out.y.data.length).toBe(1);
      expect(runtime.liveWorkers).toBe(2);
      const t0 = performance.now();
      await runtime.warm(model);
      expect(performance.now() - t0).toBeLessThan(50); // nothing left to load
      const both = await Promise.all([runtime.run(model, input(32)), runtime.run(model, input(32))]);
      expect(both.map((o) => o.y.data.length)).toEqual([1, 1]);
      expect(runtime.liveWorkers).toBe(2);
    } finally {
      await runtime.close();
    }
    await expect(runtime.warm(model)).resolves.toBeUndefined();
  });

  it('reports a model that fails to run as a clear error, and is refused after close', async () => {
    const runtime = new ModelRuntime({ workers: 1 });
    await expect(runtime.run(model, { wrong: { type: 'float32', dims: [1], data: new Float32Array(1) } })).rejects.toThrow(/ONNX Runtime could not run the model/);
    await runtime.close();
    await expect(runtime.run(model, input(8))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
