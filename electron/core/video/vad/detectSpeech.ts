import type { Worker } from 'node:worker_threads';
import { DEFAULT_VAD_SETTINGS, speechSegments, validateVadSettings, type SpeechSegment, type VadSettings } from '../../../../shared/feedback/speechSegments';
import { CoreError } from '../../errors';
import { streamAudioMono, type Progress } from '../decodeAudio';
import { probe, type MediaInfo } from '../probe';
import { cancelled } from '../runFfmpeg';
import { resolveVadModel, verifyModelFile, type ResolvedVadModel } from './sileroModel';
import { spawnModuleWorker } from './spawnWorker';
import { DEFAULT_VAD_SCHEDULE, type FromVadWorker, type ToVadWorker, type VadSchedule } from './vadProtocol';

export interface VadOptions extends Partial<VadSettings> {
  signal?: AbortSignal;
  /** Called with ms of audio analysed so far and the total. */
  progress?: Progress;
  /** Another card (and its model) instead of models/silero-vad/card.json. */
  cardPath?: string;
  /** A model file to use with the card instead of the one in the card's npm package. */
  modelPath?: string;
  info?: MediaInfo;
  /** How the model is batched over the audio (defaults: DEFAULT_VAD_SCHEDULE). */
  schedule?: Partial<VadSchedule>;
}

export interface VadResult {
  segments: SpeechSegment[];
  durationMs: number;
  /** Length of one model window in ms (32 ms at 16 kHz). */
  windowMs: number;
  /** Speech probability per window. */
  probs: Float32Array;
  settings: VadSettings;
  model: { id: string; version: string; sha256: string };
}


class VadWorkerRun {
  private readonly worker: Worker;
  private waiters: ((m: FromVadWorker | Error) => void)[] = [];
  private failure: Error | null = null;
  processed = 0;

  constructor(private readonly signal?: AbortSignal) {
    this.worker = spawnModuleWorker(new URL('./vadWorker.ts', import.meta.url));
    this.worker.on('message', (m: FromVadWorker) => {
      if (m.type === 'progress') this.processed = m.processed;
      if (m.type === 'error') this.fail(new CoreError(m.code, m.message));
      this.wake(m);
    });
    this.worker.on('error', (e) => this.fail(new CoreError('INTERNAL', `The VAD worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new CoreError('INTERNAL', `The VAD worker stopped unexpectedly (exit code ${code}).`));
    });
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  private readonly onAbort = () => {
    this.fail(cancelled());
    void this.worker.terminate();
  };

  private fail(e: Error) {
    if (!this.failure) this.failure = e;
    this.wake(e);
  }

  private wake(m: FromVadWorker | Error) {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w(m);
  }

  send(m: ToVadWorker, transfer: ArrayBuffer[] = []) {
    if (this.failure) throw this.failure;
    this.worker.postMessage(m, transfer);
  }

  /** Waits for the next message of a type (or any progress when type is 'progress'). */
  next<T extends FromVadWorker['type']>(type: T): Promise<Extract<FromVadWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const wait = (m: FromVadWorker | Error) => {
        if (m instanceof Error) reject(m);
        else if (m.type === type) resolve(m as Extract<FromVadWorker, { type: T }>);
        else this.waiters.push(wait);
      };
      this.waiters.push(wait);
    });
  }

  async close() {
    this.signal?.removeEventListener('abort', this.onAbort);
    await this.worker.terminate();
  }
}

function settingsFrom(opts: VadOptions): VadSettings {
  const s: VadSettings = {
    threshold: opts.threshold ?? DEFAULT_VAD_SETTINGS.threshold,
    minSpeechMs: opts.minSpeechMs ?? DEFAULT_VAD_SETTINGS.minSpeechMs,
    minSilenceMs: opts.minSilenceMs ?? DEFAULT_VAD_SETTINGS.minSilenceMs,
    padMs: opts.padMs ?? DEFAULT_VAD_SETTINGS.padMs,
    ...(opts.negThreshold !== undefined ? { negThreshold: opts.negThreshold } : {}),
  };
  const err = validateVadSettings(s);
  if (err) throw new CoreError('INVALID_INPUT', `Voice activity detection: ${err}.`);
  return s;
}

async function runModel(model: ResolvedVadModel, audio: AsyncIterable<Float32Array>, opts: VadOptions, totalMs: number | null) {
  const bytes = verifyModelFile(model);
  const run = new VadWorkerRun(opts.signal);
  try {
    const ready = run.next('ready');
    const copy = new Uint8Array(bytes);
    const schedule = { ...DEFAULT_VAD_SCHEDULE, ...opts.schedule };
    run.send({ type: 'init', model: copy, card: model.card, spec: model.spec, schedule }, [copy.buffer]);
    await ready;
    const sr = model.spec.sampleRate;
    // The worker needs a whole batch of blocks before it runs; beyond twice that, ffmpeg is paused.
    const maxInFlight = 2 * (schedule.batch * schedule.blockWindows + schedule.warmupWindows) * model.spec.windowSamples;
    let sent = 0;
    for await (const samples of audio) {
      while (sent - run.processed > maxInFlight) await run.next('progress');
      run.send({ type: 'audio', samples }, [samples.buffer as ArrayBuffer]);
      sent += samples.length;
      opts.progress?.(Math.round((run.processed / sr) * 1000), totalMs, 'Detecting speech');
    }
    const done = run.next('done');
    run.send({ type: 'end' });
    const result = await done;
    opts.progress?.(Math.round((result.samples / sr) * 1000), totalMs ?? Math.round((result.samples / sr) * 1000), 'Detecting speech');
    return result;
  } finally {
    await run.close();
  }
}

/** Speech segments in a media file's first audio track, by the Silero VAD model in a worker thread. */
export async function detectSpeech(path: string, opts: VadOptions = {}): Promise<VadResult> {
  const settings = settingsFrom(opts);
  const model = resolveVadModel(opts.cardPath, opts.modelPath);
  const info = opts.info ?? (await probe(path, { signal: opts.signal }));
  const audio = streamAudioMono(path, { signal: opts.signal, info, sampleRate: model.spec.sampleRate });
  const { probs, samples } = await runModel(model, audio, opts, info.durationMs);
  return finish(model, probs, samples, settings);
}

/** The same on samples already decoded (mono, at the card's sample rate). */
export async function detectSpeechInSamples(samples: Float32Array, opts: VadOptions = {}): Promise<VadResult> {
  const settings = settingsFrom(opts);
  const model = resolveVadModel(opts.cardPath, opts.modelPath);
  const chunk = model.spec.sampleRate * 10;
  async function* chunks() {
    for (let i = 0; i < samples.length; i += chunk) yield samples.slice(i, i + chunk);
  }
  const totalMs = Math.round((samples.length / model.spec.sampleRate) * 1000);
  const out = await runModel(model, chunks(), opts, totalMs);
  return finish(model, out.probs, out.samples, settings);
}

function finish(model: ResolvedVadModel, probs: Float32Array, samples: number, settings: VadSettings): VadResult {
  const sr = model.spec.sampleRate;
  const windowMs = (model.spec.windowSamples / sr) * 1000;
  const durationMs = Math.round((samples / sr) * 1000);
  return {
    segments: speechSegments(probs, windowMs, durationMs, settings),
    durationMs,
    windowMs,
    probs,
    settings,
    model: { id: model.card.name, version: model.card.version, sha256: model.card.sha256 },
  };
}
