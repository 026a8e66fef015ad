// Fits the region proposer's head off the core's event loop. Plain JavaScript like inferenceWorker.mjs; it loads the
// TypeScript trainer through tsx (a runtime dependency), so the same file works from the CLI, the tests and the app.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainRoiHead } = await import('../../../shared/models/trainRoiHead.ts');

parentPort.on('message', (msg) => {
  try {
    const result = trainRoiHead({ images: msg.images }, msg.seed, msg.options);
    parentPort.postMessage({ ok: true, result });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
