// Runs the Silero VAD model off the core's event loop: audio arrives in chunks, probabilities go back at the end.
// Blocks of audio run side by side as one batch (see VadSchedule), which is what makes an hour take seconds.
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { checkModelSignature, type VadModelSpec } from './sileroModel';
import type { FromVadWorker, ToVadWorker, VadSchedule } from './vadProtocol';

const port = parentPort;
if (!port) throw new Error('vadWorker must run in a worker thread');
const post = (m: FromVadWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);

let session: ort.InferenceSession | null = null;
let spec: VadModelSpec;
let schedule: VadSchedule;
let win = 512;
let ctx = 64;
let stateSize = 128;
let srTensor: ort.Tensor;

// Received audio not yet dropped: buf[0] is global sample bufStart.
let buf = new Float32Array(0);
let bufStart = 0;
let bufLen = 0;
let nextBlock = 0;
let probs = new Float32Array(4096);
const queue: ToVadWorker[] = [];
let busy = false;

async function init(m: Extract<ToVadWorker, { type: 'init' }>): Promise<void> {
  spec = m.spec;
  schedule = m.schedule;
  win = spec.windowSamples;
  ctx = spec.contextSamples;
  stateSize = spec.stateSize;
  session = await ort.InferenceSession.create(m.model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const meta = (list: readonly ort.InferenceSession.ValueMetadata[]) =>
    list.map((v) => ({ name: v.name, dtype: v.isTensor ? String(v.type) : 'non-tensor', shape: v.isTensor ? [...v.shape] : [] }));
  const mismatch = checkModelSignature(m.card, { inputs: meta(session.inputMetadata), outputs: meta(session.outputMetadata) });
  if (mismatch) {
    post({ type: 'error', code: 'UNSUPPORTED_FILE', message: mismatch });
    return;
  }
  srTensor = new ort.Tensor('int64', BigInt64Array.from([BigInt(spec.sampleRate)]));
  buf = new Float32Array(Math.min(schedule.batch * schedule.blockWindows + schedule.warmupWindows + 1, 1 << 22) * win);
  post({ type: 'ready' });
}

const blockSamples = () => schedule.blockWindows * win;
const warmupSamples = () => schedule.warmupWindows * win;

function append(samples: Float32Array): void {
  if (bufLen + samples.length > buf.length) {
    // Drop what no future block needs, then grow if that was not enough.
    const keepFrom = Math.max(bufStart, nextBlock * blockSamples() - warmupSamples());
    const drop = keepFrom - bufStart;
    if (drop > 0) {
      buf.copyWithin(0, drop, bufLen);
      bufLen -= drop;
      bufStart = keepFrom;
    }
    if (bufLen + samples.length > buf.length) {
      const bigger = new Float32Array(Math.max(buf.length * 2, bufLen + samples.length));
      bigger.set(buf.subarray(0, bufLen));
      buf = bigger;
    }
  }
  buf.set(samples, bufLen);
  bufLen += samples.length;
}

/** Copies global samples [from, from + n) into dest at offset; zeros where there is no audio (before 0, after the end). */
function read(from: number, n: number, dest: Float32Array, offset: number): void {
  for (let i = 0; i < n; i++) {
    const g = from + i - bufStart;
    dest[offset + i] = g >= 0 && g < bufLen ? buf[g] : 0;
  }
}

function storeProb(windowIndex: number, p: number): void {
  if (windowIndex >= probs.length) {
    const bigger = new Float32Array(Math.max(probs.length * 2, windowIndex + 1));
    bigger.set(probs);
    probs = bigger;
  }
  probs[windowIndex] = p;
}

/** Runs blocks k0 … k0 + count − 1 side by side; windows at or past totalWindows (the end) are not kept. */
async function runBlocks(k0: number, count: number, totalWindows: number): Promise<void> {
  const s = session as ort.InferenceSession;
  const L = schedule.blockWindows;
  const W = schedule.warmupWindows;
  const width = ctx + win;
  const input = new Float32Array(count * width);
  const state = new Float32Array(2 * count * stateSize);
  const feeds: Record<string, ort.Tensor> = {
    [spec.inputNames[0]]: new ort.Tensor('float32', input, [count, width]),
    [spec.inputNames[1]]: new ort.Tensor('float32', state, [2, count, stateSize]),
    [spec.inputNames[2]]: srTensor,
  };
  // Each block's stream starts `warm` windows before the block (none for the first block of the audio).
  const warm = Array.from({ length: count }, (_, b) => Math.min(W, (k0 + b) * L));
  const steps = W + L;
  for (let j = 0; j < steps; j++) {
    let anyKept = false;
    for (let b = 0; b < count; b++) {
      const w = (k0 + b) * L - warm[b] + j;
      const row = b * width;
      // Context: the tail of this stream's previous window (zeros at the stream's start).
      if (j === 0) input.fill(0, row, row + ctx);
      else input.copyWithin(row, row + win, row + width);
      read(w * win, win, input, row + ctx);
      if (j >= warm[b] && j < warm[b] + L && w < totalWindows) anyKept = true;
    }
    if (!anyKept && j >= W) break;
    const out = await s.run(feeds);
    const p = out[spec.outputNames[0]].data as Float32Array;
    state.set(out[spec.outputNames[1]].data as Float32Array);
    for (let b = 0; b < count; b++) {
      const w = (k0 + b) * L - warm[b] + j;
      if (j >= warm[b] && j < warm[b] + L && w < totalWindows) storeProb(w, p[b]);
    }
  }
}

async function audio(samples: Float32Array): Promise<void> {
  append(samples);
  const B = schedule.batch;
  const Ls = blockSamples();
  // A batch runs once its last block, and so all of it, has arrived.
  while (bufStart + bufLen >= (nextBlock + B) * Ls) {
    await runBlocks(nextBlock, B, Infinity);
    nextBlock += B;
    post({ type: 'progress', processed: nextBlock * Ls });
  }
}

async function end(): Promise<void> {
  const total = bufStart + bufLen;
  const totalWindows = Math.ceil(total / win);
  const nBlocks = Math.ceil(totalWindows / schedule.blockWindows);
  while (nextBlock < nBlocks) {
    const count = Math.min(schedule.batch, nBlocks - nextBlock);
    await runBlocks(nextBlock, count, totalWindows);
    nextBlock += count;
  }
  const out = probs.slice(0, totalWindows);
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
