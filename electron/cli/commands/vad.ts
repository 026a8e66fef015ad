import type { Command } from 'commander';
import { DEFAULT_VAD_SETTINGS } from '../../../shared/feedback/speechSegments';
import { CoreError } from '../../core/errors';
import { detectSpeech } from '../../core/video/vad/detectSpeech';
import { fail, printJson } from '../output';

interface VadCliOptions {
  threshold?: string;
  negThreshold?: string;
  minSpeechMs?: string;
  minSilenceMs?: string;
  padMs?: string;
  json?: boolean;
}

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new CoreError('INVALID_INPUT', `--${name} must be a number, not "${v}".`);
  return n;
}

function fmt(ms: number): string {
  return (ms / 1000).toFixed(2).padStart(8);
}

export function registerVad(program: Command): void {
  const d = DEFAULT_VAD_SETTINGS;
  program
    .command('vad')
    .description('Find speech in a video or audio file with the Silero VAD model (on this machine, nothing is uploaded).')
    .argument('<media>', 'a video or audio file (MP4, MOV, WebM, MKV, WAV, …)')
    .option('--threshold <p>', 'speech probability that starts speech', String(d.threshold))
    .option('--neg-threshold <p>', 'probability below which speech ends (default: threshold − 0.15)')
    .option('--min-speech-ms <ms>', 'drop speech shorter than this', String(d.minSpeechMs))
    .option('--min-silence-ms <ms>', 'a pause must last this long to end a segment', String(d.minSilenceMs))
    .option('--pad-ms <ms>', 'padding added around each segment', String(d.padMs))
    .option('--json', 'print {"segments":[{"start":ms,"end":ms,"p":…}]}')
    .action(async (media: string, opts: VadCliOptions) => {
      const json = !!opts.json;
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      try {
        const showProgress = !json && process.stderr.isTTY;
        const result = await detectSpeech(media, {
          threshold: num('threshold', opts.threshold),
          negThreshold: num('neg-threshold', opts.negThreshold),
          minSpeechMs: num('min-speech-ms', opts.minSpeechMs),
          minSilenceMs: num('min-silence-ms', opts.minSilenceMs),
          padMs: num('pad-ms', opts.padMs),
          signal: controller.signal,
          progress: showProgress
            ? (done, total) => process.stderr.write(`\rdetecting speech… ${total ? Math.round((100 * done) / total) : 0}%`)
            : undefined,
        });
        if (showProgress) process.stderr.write('\r\x1b[K');
        if (json) return printJson({ segments: result.segments });
        process.stdout.write(`${result.segments.length} speech segment(s) in ${(result.durationMs / 1000).toFixed(2)} s\n`);
        process.stdout.write(`   start s    end s      p\n`);
        for (const s of result.segments) process.stdout.write(`${fmt(s.start)} ${fmt(s.end)}  ${s.p.toFixed(2)}\n`);
      } catch (e) {
        fail(e, json);
      }
    });
}
