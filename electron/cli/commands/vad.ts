import type { Command } from 'commander';
import { DEFAULT_VAD_SETTINGS, type VadSettings } from '../../../shared/feedback/speechSegments';
import { CoreError } from '../../core/errors';
import { detectSpeech } from '../../core/video/vad/detectSpeech';
import { fail, printJson } from '../output';

export interface VadCliOptions {
  threshold?: string;
  negThreshold?: string;
  minSpeechMs?: string;
  minSilenceMs?: string;
  padMs?: string;
  json?: boolean;
}

export function cliNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new CoreError('INVALID_INPUT', `--${name} must be a number, not "${v}".`);
  return n;
}

/** The segment-rule options shared by `vad` and `video propose`. */
export function addVadOptions(cmd: Command): Command {
  const d = DEFAULT_VAD_SETTINGS;
  return cmd
    .option('--threshold <p>', 'speech probability that starts speech', String(d.threshold))
    .option('--neg-threshold <p>', 'probability below which speech ends (default: threshold − 0.15)')
    .option('--min-speech-ms <ms>', 'drop speech shorter than this', String(d.minSpeechMs))
    .option('--min-silence-ms <ms>', 'a pause must last this long to end a segment', String(d.minSilenceMs))
    .option('--pad-ms <ms>', 'padding added around each segment', String(d.padMs));
}

export function vadSettingsFrom(opts: VadCliOptions): Partial<VadSettings> {
  return {
    threshold: cliNumber('threshold', opts.threshold),
    negThreshold: cliNumber('neg-threshold', opts.negThreshold),
    minSpeechMs: cliNumber('min-speech-ms', opts.minSpeechMs),
    minSilenceMs: cliNumber('min-silence-ms', opts.minSilenceMs),
    padMs: cliNumber('pad-ms', opts.padMs),
  };
}

/** Ctrl-C cancels the running job (ffmpeg and the model worker stop). */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

export function progressOnStderr(enabled: boolean, label: string) {
  if (!enabled || !process.stderr.isTTY) return { progress: undefined, clear: () => undefined };
  return {
    progress: (done: number, total: number | null) => process.stderr.write(`\r${label}… ${total ? Math.round((100 * done) / total) : 0}%`),
    clear: () => process.stderr.write('\r\x1b[K'),
  };
}

function fmt(ms: number): string {
  return (ms / 1000).toFixed(2).padStart(8);
}

export function registerVad(program: Command): void {
  addVadOptions(
    program
      .command('vad')
      .description('Find speech in a video or audio file with the Silero VAD model (on this machine, nothing is uploaded).')
      .argument('<media>', 'a video or audio file (MP4, MOV, WebM, MKV, WAV, …)'),
  )
    .option('--json', 'print {"segments":[{"start":ms,"end":ms,"p":…}]}')
    .action(async (media: string, opts: VadCliOptions) => {
      const json = !!opts.json;
      try {
        const p = progressOnStderr(!json, 'detecting speech');
        const result = await detectSpeech(media, { ...vadSettingsFrom(opts), signal: interruptSignal(), progress: p.progress });
        p.clear();
        if (json) return printJson({ segments: result.segments });
        process.stdout.write(`${result.segments.length} speech segment(s) in ${(result.durationMs / 1000).toFixed(2)} s\n`);
        process.stdout.write(`   start s    end s      p\n`);
        for (const s of result.segments) process.stdout.write(`${fmt(s.start)} ${fmt(s.end)}  ${s.p.toFixed(2)}\n`);
      } catch (e) {
        fail(e, json);
      }
    });
}
