import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError, VideoExportFormat, type VideoExportResult } from '../../../shared/contract';
import { CoreError } from '../../core/errors';
import { fail, printJson } from '../output';
import { DATA_DIR_HELP, parseId, withCore } from './events';
import { cliNumber, interruptSignal, progressOnStderr } from './vad';

interface Options {
  video?: string;
  case?: string;
  out: string;
  formats: string;
  pad: string;
  keepNames?: boolean;
  realNames?: boolean;
  dataDir?: string;
  json?: boolean;
}

function parseFormats(raw: string): VideoExportFormat[] {
  const list = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((s) => !VideoExportFormat.safeParse(s).success);
  if (bad.length || !list.length) throw new CoreError('INVALID_INPUT', `--formats takes a comma-separated list of ${VideoExportFormat.options.join(', ')}${bad.length ? `; not ${bad.join(', ')}` : ''}.`);
  return list as VideoExportFormat[];
}

/** `sightline video export`: the library's feedback instances of a video or a case, written into a folder. */
export function registerVideoExport(program: Command): void {
  const video = program.commands.find((c) => c.name() === 'video') ?? program.command('video').description('Surgical video.');
  video
    .command('export')
    .description('Write the feedback instances of a library video (or of every video of a case) as CSV, JSON Lines, WebVTT, ELAN .eaf and clips into a folder.')
    .option('--video <id>', 'the video (library id)')
    .option('--case <id>', 'every video of this case instead')
    .requiredOption('--out <dir>', 'a new or empty folder')
    .option('--formats <list>', 'comma-separated: csv, jsonl, vtt, eaf, clips', 'csv,jsonl,vtt,eaf')
    .option('--pad <s>', 'seconds of video before and after each clip', '5')
    .option('--keep-names', 'keep names found in transcripts (by default they are replaced by [NAME])')
    .option('--real-names', 'write case and annotator names as they are (by default: stable pseudonyms)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print {dir, files, videos, instances, flaggedNames, redacted} as JSON')
    .action(async (opts: Options) => {
      const json = !!opts.json;
      try {
        if ((opts.video === undefined) === (opts.case === undefined)) throw new CoreError('INVALID_INPUT', 'Give either --video <id> or --case <id>.');
        const scope = opts.video !== undefined ? { videoId: parseId('--video', opts.video) } : { caseId: parseId('--case', opts.case as string) };
        const formats = parseFormats(opts.formats);
        const pad = cliNumber('pad', opts.pad) as number;
        const signal = interruptSignal();
        const p = progressOnStderr(!json, 'exporting');
        const result = await withCore(opts.dataDir, async (core) => {
          const off = core.onEvent((e) => e.type === 'progress' && e.jobId === 'cli-export' && p.progress?.(e.done, e.total));
          try {
            const env = await core.invoke(
              'video.export',
              { ...scope, formats, outDir: resolve(opts.out), clipsPaddingS: pad, redactNames: !opts.keepNames, deidentify: !opts.realNames },
              { actorId: null, jobId: 'cli-export', signal },
            );
            if (!env.ok) throw new AppError(env.error);
            return env.value as VideoExportResult;
          } finally {
            off();
            p.clear();
          }
        });
        if (json) return printJson(result);
        process.stdout.write(`${result.instances} instance(s) of ${result.videos} video(s) written to ${result.dir}\n`);
        for (const f of result.files) process.stdout.write(`  ${f.name}  (${f.bytes.toLocaleString('en')} bytes)\n`);
        if (result.flaggedNames) process.stdout.write(`${result.flaggedNames} name(s) in transcripts ${result.redacted ? 'replaced by [NAME]' : 'kept (--keep-names)'}\n`);
      } catch (e) {
        fail(e, json);
      }
    });
}
