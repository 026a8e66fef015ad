import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError, type ExportResult } from '../../../shared/contract';
import { CoreError } from '../../core/errors';
import { fail, printJson } from '../output';
import { DATA_DIR_HELP, parseId, withCore } from './events';

interface PathologyCotOptions {
  project: string;
  out: string;
  include?: string[];
  deidentify: boolean;
  maxCrop: string;
  dataDir?: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

export function registerExport(program: Command): void {
  const cmd = program.command('export').description('Export reviewed data as datasets.');
  cmd
    .command('pathology-cot')
    .description(
      'Export the reviewed regions of a project as a Pathology-CoT dataset: a folder per case (thumbnail, boxes, crops, conversation.json), manifest.jsonl, a dataset card, COCO and QuPath GeoJSON. De-identified by default. An interrupted export resumes when run again with the same --out.',
    )
    .requiredOption('--project <id>', 'the project to export')
    .requiredOption('--out <dir>', 'the folder to create (must not exist or be empty)')
    .option('--include <what>', 'also export "rejected" regions (marked as such; never in conversations)', collect)
    .option('--no-deidentify', 'keep slide, case and reviewer names and texts as stored (off only for internal use)')
    .option('--max-crop <px>', 'longest side of a region crop in pixels (larger crops are shrunk to fit)', '4096')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print the counts as JSON')
    .action(async (opts: PathologyCotOptions) => {
      const json = !!opts.json;
      try {
        const projectId = parseId('--project', opts.project);
        for (const what of opts.include ?? []) if (what !== 'rejected') throw new CoreError('INVALID_INPUT', `--include takes "rejected", not "${what}".`);
        const maxCropSide = Number(opts.maxCrop);
        if (!/^\d+$/.test(opts.maxCrop) || maxCropSide < 64 || maxCropSide > 4096) throw new CoreError('INVALID_INPUT', `--max-crop must be a whole number from 64 to 4096, not "${opts.maxCrop}".`);
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        const result = await withCore(opts.dataDir, async (core) => {
          const showProgress = !json && process.stderr.isTTY;
          const off = core.onEvent((e) => {
            if (showProgress && e.type === 'progress' && e.jobId === 'cli-export') process.stderr.write(`\r${e.label}: ${e.done}/${e.total ?? '?'} images`);
          });
          try {
            const env = await core.invoke(
              'export.pathologyCot',
              { projectId, out: resolve(opts.out), includeRejected: (opts.include ?? []).includes('rejected'), deidentify: opts.deidentify, maxCropSide },
              { actorId: null, jobId: 'cli-export', signal: controller.signal },
            );
            if (!env.ok) throw new AppError(env.error);
            return env.value as ExportResult;
          } finally {
            off();
            process.off('SIGINT', onSigint);
            if (showProgress) process.stderr.write('\n');
          }
        });
        if (json) return printJson(result);
        process.stdout.write(
          `${plural(result.cases, 'case')}, ${plural(result.regions, 'region')}, ${plural(result.highPowerCrops, 'high-power crop')}, ${plural(result.images, 'image')} written to ${result.out}` +
            `${result.casesResumed ? ` (${result.casesResumed} kept from the interrupted run)` : ''}\n`,
        );
        if (result.redactions) process.stdout.write(`${plural(result.redactions, 'identifier')} removed from texts\n`);
        if (!result.deidentified) process.stdout.write('Not de-identified: names and texts are as stored.\n');
      } catch (e) {
        fail(e, json);
      }
    });
}
