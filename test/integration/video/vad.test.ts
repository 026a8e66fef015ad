import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAudio16kMono } from '../../../electron/core/video/decodeAudio';
import { detectSpeech, detectSpeechInSamples } from '../../../electron/core/video/vad/detectSpeech';
import { DEFAULT_CARD_PATH, resolveVadModel } from '../../../electron/core/video/vad/sileroModel';
import { DEFAULT_VAD_SETTINGS, speechSegments, type VadSettings } from '../../../shared/feedback/speechSegments';
import { ModelCard } from '../../../shared/models/card';
import { BIN } from '../../support/serveProcess';
import { feedbackVideoPath, SPEECH_REMARKS, SPEECH_WAV } from '../../fixtures/video/feedbackVideo';

const tmp = mkdtempSync(join(tmpdir(), 'sightline-vad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectTheTwoRemarks(segments: { start: number; end: number; p: number }[]) {
  expect(segments).toHaveLength(2);
  segments.forEach((s, i) => {
    expect(Math.abs(s.start - SPEECH_REMARKS[i].start)).toBeLessThanOrEqual(300);
    expect(Math.abs(s.end - SPEECH_REMARKS[i].end)).toBeLessThanOrEqual(300);
    expect(s.p).toBeGreaterThan(0.5);
  });
}

describe('Silero VAD on the feedback recording (real ONNX Runtime, the real model)', () => {
  it('finds exactly the two remarks within ±300 ms and nothing in the silence', async () => {
    const r = await detectSpeech(SPEECH_WAV);
    expectTheTwoRemarks(r.segments);
    expect(r.durationMs).toBe(12080);
    expect(r.windowMs).toBe(32);
    // Digital silence: the model's probability stays low in every window well away from the remarks.
    const quiet = Array.from(r.probs).filter((_, i) => {
      const t = i * r.windowMs;
      return t < 1200 || (t > 5400 && t < 7150) || t > 10500;
    });
    expect(Math.max(...quiet)).toBeLessThan(0.2);
  });

  it('finds the same remarks in the generated WebM (Opus) and MP4 (AAC) videos', async () => {
    for (const format of ['webm', 'mp4'] as const) expectTheTwoRemarks((await detectSpeech(await feedbackVideoPath(format))).segments);
  });

  it('follows the segment rules: a long minimum silence merges the remarks, a long minimum speech drops them', async () => {
    const merged = await detectSpeech(SPEECH_WAV, { minSilenceMs: 3000 });
    expect(merged.segments).toHaveLength(1);
    expect(merged.segments[0].start).toBeLessThan(1700);
    expect(merged.segments[0].end).toBeGreaterThan(10000);
    // The same probabilities under other rules (what detectSpeech does with its settings).
    const resegment = (s: Partial<VadSettings>) => speechSegments(merged.probs, merged.windowMs, merged.durationMs, { ...DEFAULT_VAD_SETTINGS, ...s });
    expect(resegment({ minSpeechMs: 5000 })).toHaveLength(0);
    // "Good." and "Now slow down…" are 0.38 s apart: a short minimum silence splits the second remark.
    expect(resegment({ minSilenceMs: 100, padMs: 0 }).length).toBeGreaterThan(2);
  });

  it('keeps the event loop free while the model runs in its worker, and batching blocks changes nothing a user sees', async () => {
    const samples = await decodeAudio16kMono(SPEECH_WAV);
    const long = new Float32Array(samples.length * 6);
    for (let i = 0; i < 6; i++) long.set(samples, i * samples.length);
    let last = performance.now();
    let worstGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    // Blocks of 3.2 s, 4 side by side: block edges fall inside remarks.
    const batched = await detectSpeechInSamples(long, { schedule: { batch: 4, blockWindows: 100, warmupWindows: 32 } });
    clearInterval(timer);
    // Timers keep firing while 72 s of audio are analysed (the bound is generous for a loaded machine).
    expect(worstGap).toBeLessThan(400);
    const sequential = await detectSpeechInSamples(long, { schedule: { batch: 1, blockWindows: 1e9, warmupWindows: 0 } });
    expect(sequential.segments).toHaveLength(12);
    expect(batched.segments).toHaveLength(12);
    batched.segments.forEach((s, i) => {
      expect(Math.abs(s.start - sequential.segments[i].start)).toBeLessThanOrEqual(64);
      expect(Math.abs(s.end - sequential.segments[i].end)).toBeLessThanOrEqual(64);
    });
  });

  it('reports progress up to the whole duration and can be cancelled', async () => {
    const seen: number[] = [];
    await detectSpeech(SPEECH_WAV, { progress: (done, total) => seen.push(done / (total ?? 1)) });
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    const samples = new Float32Array(16000 * 600);
    const running = detectSpeechInSamples(samples, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses a model file that does not match its card (sha256), a card whose tensor names differ, and a card for another task', async () => {
    const card = JSON.parse(readFileSync(DEFAULT_CARD_PATH, 'utf8'));
    const other = join(tmp, 'other.onnx');
    copyFileSync(join(resolveVadModel().modelPath, '..', 'silero_vad_half.onnx'), other);
    await expect(detectSpeech(SPEECH_WAV, { modelPath: other })).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/does not match its card .*: sha256 /) });
    const renamed = join(tmp, 'renamed-card.json');
    writeFileSync(renamed, JSON.stringify({ ...card, inputs: [{ ...card.inputs[0], name: 'audio' }, ...card.inputs.slice(1)] }));
    await expect(detectSpeech(SPEECH_WAV, { cardPath: renamed, modelPath: resolveVadModel().modelPath })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: 'The VAD model does not match its card: inputs are [input, state, sr] in the model but [audio, state, sr] on the card.',
    });
    const wrongTask = join(tmp, 'wrong-task.json');
    writeFileSync(wrongTask, JSON.stringify({ ...card, task: 'classification' }));
    await expect(detectSpeech(SPEECH_WAV, { cardPath: wrongTask })).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/its task is "classification"/) });
  });

  it('the shipped card follows the model card format and names the file in the npm package', () => {
    const m = resolveVadModel();
    expect(ModelCard.parse(JSON.parse(readFileSync(DEFAULT_CARD_PATH, 'utf8')))).toMatchObject({ name: 'silero-vad', task: 'voice-activity' });
    expect(m.modelPath).toMatch(/node_modules\/@jjhbw\/silero-vad\/weights\/silero_vad_16k_op15\.onnx$/);
    expect(m.spec).toEqual({ sampleRate: 16000, windowSamples: 512, contextSamples: 64, stateSize: 128, inputNames: ['input', 'state', 'sr'], outputNames: ['output', 'stateN'] });
  });
});

describe('sightline vad', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'vad', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('prints {"segments":[{start,end,p}]} with --json for the two remarks', () => {
    const r = run(SPEECH_WAV, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { segments: { start: number; end: number; p: number }[] };
    expect(Object.keys(out)).toEqual(['segments']);
    expectTheTwoRemarks(out.segments);
    expect(Object.keys(out.segments[0])).toEqual(['start', 'end', 'p']);
  });

  it('honours the rule options', () => {
    const r = run(SPEECH_WAV, '--json', '--min-silence-ms', '3000', '--pad-ms', '0', '--threshold', '0.6', '--min-speech-ms', '100');
    expect(JSON.parse(r.stdout).segments).toHaveLength(1);
  });

  it('fails with one clear line (or a JSON error) on a missing file, a non-media file and a bad option', () => {
    const missing = run(join(tmp, 'nope.mp4'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^sightline: .*nope\.mp4 does not exist\.$/);
    const text = join(tmp, 'notes.mp4');
    writeFileSync(text, 'these are notes, not a video\n');
    const notMedia = run(text, '--json');
    expect(notMedia.status).toBe(1);
    expect(JSON.parse(notMedia.stdout)).toEqual({ ok: false, error: { code: 'UNSUPPORTED_FILE', message: 'notes.mp4 is not a video or audio file that can be read.' } });
    const bad = run(SPEECH_WAV, '--threshold', 'high');
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('sightline: --threshold must be a number, not "high".');
  });
});
