// The inference worker: one ONNX Runtime per worker thread, sessions cached per model file.
// Plain JavaScript on purpose: a worker thread starts without the TypeScript loader the CLI and the tests use,
// and the packaged app can ship this file as it is.
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

const sessions = new Map();
const threads = (workerData && workerData.threads) || 1;

function session(path, key) {
  const cacheKey = `${key}\u0000${path}`;
  let s = sessions.get(cacheKey);
  if (!s) {
    s = ort.InferenceSession.create(path, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    s.catch(() => sessions.delete(cacheKey));
    sessions.set(cacheKey, s);
  }
  return s;
}

function describeValues(meta) {
  return meta.map((m) => (m.isTensor ? { name: m.name, dtype: m.type, shape: [...m.shape] } : { name: m.name, dtype: 'non-tensor', shape: [] }));
}

parentPort.on('message', async (msg) => {
  try {
    const s = await session(msg.path, msg.key);
    if (msg.type === 'describe') {
      parentPort.postMessage({ id: msg.id, ok: true, inputs: describeValues(s.inputMetadata), outputs: describeValues(s.outputMetadata) });
      return;
    }
    const feeds = {};
    for (const [name, t] of Object.entries(msg.feeds)) feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
    const results = await s.run(feeds);
    const outputs = {};
    const transfer = [];
    for (const [name, t] of Object.entries(results)) {
      const data = t.data;
      outputs[name] = { type: t.type, dims: [...t.dims], data };
      if (data && data.buffer instanceof ArrayBuffer) transfer.push(data.buffer);
    }
    parentPort.postMessage({ id: msg.id, ok: true, outputs }, transfer);
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
