import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainOptions, TrainResult, TrainingImage } from '../../../shared/models/trainRoiHead';
import { CoreError } from '../errors';
import { unpackedPath } from './modelPaths';

const WORKER_URL = new URL('./trainWorker.mjs', import.meta.url);

/**
 * trainRoiHead in a worker thread, so the core stays responsive while features are computed and the head is fitted.
 * Aborting terminates the worker (pure JavaScript, so that is safe) and rejects with CANCELLED.
 */
export function trainRoiHeadInWorker(images: TrainingImage[], seed: number, options: Partial<TrainOptions>, signal?: AbortSignal): Promise<TrainResult> {
  if (signal?.aborted) return Promise.reject(new CoreError('CANCELLED', 'Training was cancelled.'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(unpackedPath(fileURLToPath(WORKER_URL)));
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(new CoreError('CANCELLED', 'Training was cancelled.')));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: { ok: boolean; result?: TrainResult; error?: string }) =>
      finish(() => (msg.ok ? resolve(msg.result as TrainResult) : reject(new CoreError('INVALID_INPUT', `Cannot train: ${msg.error ?? 'unknown error'}`)))),
    );
    worker.on('error', (e) => finish(() => reject(new CoreError('INTERNAL', `The training worker failed: ${e.message}`))));
    worker.on('exit', (code) => finish(() => reject(new CoreError('INTERNAL', `The training worker stopped (exit code ${code}).`))));
    worker.postMessage({ images, seed, options });
  });
}
