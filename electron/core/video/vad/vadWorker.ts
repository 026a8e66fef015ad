// Runs the Silero VAD model off the core's event loop: audio arrives in chunks, probabilities go back at the end.
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { checkModelSignature, type VadModelCard } from './sileroModel';
import type { FromVadWorker, ToVadWorker } from './vadProtocol';

const port = parentPort;
if (!port) throw new Error('vadWorker must run in a worker thread');
const post = (m: FromVadWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);

let session: ort.InferenceSession | null = null;
let card: VadModelCard;
let win = 512;
let ctx = 64;
let state: Float32Array;
let input: Float32Array;
let srTensor: ort.Tensor;
// The tail of audio not yet filling a whole window.
let pending: Float32Array;
let pendingLen = 0;
let probs = new Float32Array(4096);
let nProbs = 0;
let processed = 0;
let lastReport = 0;
const queue: ToVadWorker[] = [];
let busy = false;

async function init(m: Extract<ToVadWorker, { type: 'init' }>): Promise<void> {
  card = m.card;
  win = card.windowSamples;
  ctx = card.contextSamples;
  session = await ort.InferenceSession.create(m.model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const mismatch = checkModelSignature(card, session.inputNames, session.outputNames);
  if (mismatch) {
    post({ type: 'error', code: 'UNSUPPORTED_FILE', message: mismatch });
    return;
  }
  state = new Float32Array(2 * 128);
  input = new Float32Array(ctx + win);
  pending = new Float32Array(win);
  srTensor = new ort.Tensor('int64', BigInt64Array.from([BigInt(card.sampleRate)]));
  post({ type: 'ready' });
}

async function runWindow(frame: Float32Array): Promise<void> {
  const s = session as ort.InferenceSession;
  // input = [last `ctx` samples of the previous window | this window]
  input.copyWithin(0, win, win + ctx);
  input.set(frame, ctx);
  const feeds: Record<string, ort.Tensor> = {
    [card.inputs[0].name]: new ort.Tensor('float32', input, [1, ctx + win]),
    [card.inputs[1].name]: new ort.Tensor('float32', state, [2, 1, 128]),
    [card.inputs[2].name]: srTensor,
  };
  const out = await s.run(feeds);
  const p = (out[card.outputs[0].name].data as Float32Array)[0];
  state.set(out[card.outputs[1].name].data as Float32Array);
  if (nProbs === probs.length) {
    const bigger = new Float32Array(probs.length * 2);
    bigger.set(probs);
    probs = bigger;
  }
  probs[nProbs++] = p;
  processed += win;
}

async function audio(samples: Float32Array): Promise<void> {
  let off = 0;
  if (pendingLen > 0) {
    const need = win - pendingLen;
    if (samples.length < need) {
      pending.set(samples, pendingLen);
      pendingLen += samples.length;
      return;
    }
    pending.set(samples.subarray(0, need), pendingLen);
    await runWindow(pending);
    off = need;
    pendingLen = 0;
  }
  while (off + win <= samples.length) {
    await runWindow(samples.subarray(off, off + win));
    off += win;
  }
  if (off < samples.length) {
    pending.set(samples.subarray(off), 0);
    pendingLen = samples.length - off;
  }
  if (processed - lastReport >= card.sampleRate) {
    lastReport = processed;
    post({ type: 'progress', processed });
  }
}

async function end(): Promise<void> {
  const total = processed + pendingLen;
  if (pendingLen > 0) {
    pending.fill(0, pendingLen);
    await runWindow(pending);
    pendingLen = 0;
  }
  const out = probs.slice(0, nProbs);
  post({ type: 'done', probs: out, samples: total }, [out.buffer]);
  await session?.release();
  session = null;
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    while (queue.length) {
      const m = queue.shift() as ToVadWorker;
      if (m.type === 'init') await init(m);
      else if (!session) continue;
      else if (m.type === 'audio') await audio(m.samples);
      else await end();
    }
  } catch (e) {
    post({ type: 'error', code: 'INTERNAL', message: `Voice activity detection failed: ${(e as Error).message}` });
  } finally {
    busy = false;
  }
}

port.on('message', (m: ToVadWorker) => {
  queue.push(m);
  void drain();
});
