import type { Command } from 'commander';
import type { Profile, VideoAgreement, VideoAnnotator } from '../../../shared/contract';
import type { Core } from '../../core/createCore';
import { CoreError } from '../../core/errors';
import { fail, printJson } from '../output';
import { DATA_DIR_HELP, invoke, parseId, withCore } from './events';
import { cliNumber } from './vad';

/** A profile by id or name among those who annotated the video. */
async function annotatorOf(core: Core, wanted: string, annotators: VideoAnnotator[]): Promise<number> {
  const profiles = await invoke<Profile[]>(core, 'profiles.list', {});
  const p = (/^\d+$/.test(wanted) ? profiles.find((x) => x.id === Number(wanted)) : undefined) ?? profiles.find((x) => x.name.toLowerCase() === wanted.toLowerCase());
  if (!p) throw new CoreError('NOT_FOUND', `There is no profile "${wanted}" (annotators of this video: ${annotators.map((a) => a.name).join(', ') || 'none'}).`);
  return p.id;
}

const f = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));

function printReport(r: VideoAgreement): void {
  const t = r.temporal;
  process.stdout.write(`Agreement on video ${r.videoId}: ${r.annotatorA.name} (${t.countA} instances) and ${r.annotatorB.name} (${t.countB})\n`);
  process.stdout.write(`  matched ${t.matched} (IoU ≥ ${r.minIoU}), mean IoU ${f(t.meanIoU)}, F1 ${f(t.f1)}, time IoU ${f(t.timeIoU)}; ${r.units} units compared\n\n`);
  process.stdout.write(`  ${'label'.padEnd(32)} ${'kappa'.padStart(6)} ${'PABAK'.padStart(6)} ${'agree'.padStart(6)}  both/A only/B only/neither\n`);
  for (const l of r.labels) {
    process.stdout.write(`  ${l.label.padEnd(32)} ${f(l.kappa).padStart(6)} ${f(l.pabak).padStart(6)} ${f(l.po).padStart(6)}  ${l.both}/${l.onlyA}/${l.onlyB}/${l.neither}\n`);
  }
  process.stdout.write(`  ${'Trainer reaction'.padEnd(32)} ${f(r.trainerReaction.kappa).padStart(6)} ${f(r.trainerReaction.pabak).padStart(6)} ${f(r.trainerReaction.po).padStart(6)}\n`);
  process.stdout.write(`  ${'Speaker (matched pairs)'.padEnd(32)} ${f(r.speaker.kappa).padStart(6)} ${f(r.speaker.pabak).padStart(6)} ${f(r.speaker.po).padStart(6)}\n`);
}

export function registerAgreement(program: Command): void {
  program
    .command('agreement')
    .description("Agreement of two annotators' feedback instances on one video: Cohen's kappa and PABAK per label, temporal overlap.")
    .requiredOption('--video <id>', 'the video (library id)')
    .option('--a <profile>', 'first annotator (name or id; default: of the two annotators of the video, the one whose profile is older)')
    .option('--b <profile>', 'second annotator (name or id)')
    .option('--min-iou <x>', 'temporal IoU at which two instances are the same one', '0.1')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print the report as JSON')
    .action(async (opts: { video: string; a?: string; b?: string; minIou: string; dataDir?: string; json?: boolean }) => {
      const json = !!opts.json;
      try {
        const videoId = parseId('--video', opts.video);
        const minIoU = cliNumber('min-iou', opts.minIou) as number;
        if (!(minIoU > 0 && minIoU <= 1)) throw new CoreError('INVALID_INPUT', `--min-iou must be above 0 and at most 1, not ${opts.minIou}.`);
        if ((opts.a === undefined) !== (opts.b === undefined)) throw new CoreError('INVALID_INPUT', 'Give both --a and --b, or neither.');
        const report = await withCore(opts.dataDir, async (core) => {
          const { annotators } = await invoke<{ annotators: VideoAnnotator[] }>(core, 'video.instances.list', { videoId });
          let a: number;
          let b: number;
          if (opts.a !== undefined && opts.b !== undefined) {
            a = await annotatorOf(core, opts.a, annotators);
            b = await annotatorOf(core, opts.b, annotators);
          } else {
            const marked = annotators.filter((x) => x.instances > 0).sort((x, y) => x.id - y.id);
            if (marked.length !== 2) {
              throw new CoreError(
                'INVALID_INPUT',
                `Video ${videoId} has ${marked.length} annotator(s) with instances (${marked.map((x) => x.name).join(', ') || 'none'}); say which two with --a and --b.`,
              );
            }
            [a, b] = [marked[0].id, marked[1].id];
          }
          return invoke<VideoAgreement>(core, 'video.agreement', { videoId, annotatorA: a, annotatorB: b, minIoU });
        });
        if (json) return printJson(report);
        printReport(report);
      } catch (e) {
        fail(e, json);
      }
    });
}
