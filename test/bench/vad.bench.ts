// Voice activity detection throughput: the Silero model (ffmpeg decode streamed into the worker) on
// 10 minutes of audio (the feedback recording tiled 50 times), extrapolated to one hour. Baselines from the
// same run: ffmpeg decoding alone, and the energy-threshold detector on the decoded samples.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { energyProbabilities } from '../../shared/feedback/energyVad';
import { DEFAULT_VAD_SETTINGS, speechSegments } from '../../shared/feedback/speechSegments';
import { decodeAudio16kMono } from '../../electron/core/video/decodeAudio';
import { detectSpeech } from '../../electron/core/video/vad/detectSpeech';
import { GENERATED_DIR, SPEECH_WAV } from '../fixtures/video/feedbackVideo';
import type { Bench } from './benchTypes';

const TILES = 50;

/** The fixture's PCM repeated TILES times, as a 16 kHz mono WAV (generated once). */
function tiledWav(): string {
  const out = join(GENERATED_DIR, `vad-bench-${TILES}x.wav`);
  if (existsSync(out)) return out;
  const src = readFileSync(SPEECH_WAV);
  const dataAt = src.indexOf('data', 12);
  const len = src.readUInt32LE(dataAt + 4);
  const pcm = src.subarray(dataAt + 8, dataAt + 8 + len);
  const header = Buffer.from(src.subarray(0, dataAt + 8));
  header.writeUInt32LE(len * TILES, dataAt + 4);
  header.writeUInt32LE(header.length - 8 + len * TILES, 4);
  mkdirSync(GENERATED_DIR, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([header, ...Array<Buffer>(TILES).fill(pcm)]));
  renameSync(tmp, out);
  return out;
}

const bench: Bench = {
  name: 'Voice activity detection (Silero VAD, ONNX Runtime in a worker)',
  async run() {
    const wav = tiledWav();
    const t0 = performance.now();
    const samples = await decodeAudio16kMono(wav);
    const decodeS = (performance.now() - t0) / 1000;
    const audioS = samples.length / 16000;
    const toHour = 3600 / audioS;

    const t1 = performance.now();
    const energy = speechSegments(energyProbabilities(samples, 512), 32, audioS * 1000, DEFAULT_VAD_SETTINGS);
    const energyS = (performance.now() - t1) / 1000;

    const t2 = performance.now();
    const r = await detectSpeech(wav);
    const vadS = (performance.now() - t2) / 1000;
    if (r.segments.length !== 2 * TILES) throw new Error(`expected ${2 * TILES} remarks, found ${r.segments.length}`);
    if (energy.length !== 2 * TILES) throw new Error(`the energy detector found ${energy.length} remarks, expected ${2 * TILES}`);

    const hourVad = vadS * toHour;
    const hourDecode = decodeS * toHour;
    return [
      {
        name: `1 h of audio, decode + Silero VAD (from ${(audioS / 60).toFixed(1)} min)`,
        value: hourVad,
        unit: 's',
        baseline: { name: 'ffmpeg decode alone', value: hourDecode },
        target: '≤ 60 s per hour on 2 cores',
        met: hourVad <= 60,
      },
      { name: '1 h of audio, decode + energy VAD', value: hourDecode + energyS * toHour, unit: 's', baseline: { name: 'ffmpeg decode alone', value: hourDecode } },
      { name: 'Silero VAD speed (audio time / wall time)', value: audioS / vadS, unit: '× real time' },
    ];
  },
};

export default bench;
