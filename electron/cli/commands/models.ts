import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ModelEntry } from '../../../shared/contract/models';
import { AppError } from '../../../shared/contract';
import { createCore } from '../../core/createCore';
import { closeSharedRuntime } from '../../core/models/runtime';
import { defaultDataDir } from '../../core/store/dataDir';
import { fail, printJson } from '../output';
import { VERSION } from '../version';

/** Runs one contract call on a core opened for the command line. */
async function invokeOnce(dataDir: string | undefined, name: string, input: unknown): Promise<unknown> {
  const core = createCore({ dataDir: dataDir ?? defaultDataDir(), door: 'cli', version: VERSION });
  try {
    const r = await core.invoke(name, input, { actorId: null });
    if (!r.ok) throw new AppError(r.error);
    return r.value;
  } finally {
    core.close();
    await closeSharedRuntime();
  }
}

function describe(m: ModelEntry): string {
  const state = m.status === 'ok' ? 'ok     ' : 'REFUSED';
  return `${state} ${m.source.padEnd(7)} ${m.name}@${m.version}  ${m.task}${m.problem ? `\n          ${m.problem}` : ''}`;
}

export function registerModels(program: Command): void {
  const models = program.command('models').description('List and add on-device models (ONNX with a card.json).');
  models
    .command('list')
    .description('Shipped models and your own, each checked against its card (file, sha256, inputs/outputs).')
    .option('--data-dir <dir>', 'the data folder (default: $SIGHTLINE_DATA_DIR or the per-user app data folder)')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { dataDir?: string; json?: boolean }) => {
      try {
        const list = (await invokeOnce(opts.dataDir, 'models.list', {})) as ModelEntry[];
        if (opts.json) return printJson(list);
        for (const m of list) process.stdout.write(`${describe(m)}\n`);
      } catch (e) {
        fail(e, !!opts.json);
      }
    });
  models
    .command('add')
    .description("Add your own model: a card.json naming its .onnx, or an .onnx with --card. It is checked, then copied into the data folder.")
    .argument('<path>', 'card.json, or the .onnx file')
    .option('--card <card.json>', 'the card, when <path> is the .onnx file')
    .option('--data-dir <dir>', 'the data folder')
    .option('--json', 'print the added model as JSON')
    .action(async (path: string, opts: { card?: string; dataDir?: string; json?: boolean }) => {
      try {
        const m = (await invokeOnce(opts.dataDir, 'models.add', { path: resolve(path), ...(opts.card ? { cardPath: resolve(opts.card) } : {}) })) as ModelEntry;
        if (opts.json) return printJson(m);
        process.stdout.write(`added ${m.name}@${m.version} → ${m.cardPath}\n`);
      } catch (e) {
        fail(e, !!opts.json);
      }
    });
}

export function registerTrain(program: Command): void {
  const train = program.command('train').description('Retrain on-device models from expert behaviour.');
  train
    .command('roi')
    .description(
      'Retrain the region proposer from a project\'s recorded sessions (--project: inspect/peek boxes are positives, tissue seen at low power but never inspected is negative) or from a folder of images with box files (--from: <name>.png + <name>.json: {"downsample":1,"positives":[[x0,y0,x1,y1],…],"negatives":[…]}, boxes in level-0 pixels). Writes the next version; earlier ones stay.',
    )
    .option('--project <id>', "learn from the behaviour recorded in this project's sessions")
    .option('--from <dir>', 'folder of training images and their .json box files')
    .option('--base <card.json>', 'the version to start from (default: the newest usable roi-proposer)')
    .option('--seed <n>', 'seed for the held-out split', '1')
    .option('--data-dir <dir>', 'the data folder the new version is written to')
    .option('--json', 'print the new model and its held-out precision/recall as JSON')
    .action(async (opts: { from?: string; project?: string; base?: string; seed: string; dataDir?: string; json?: boolean }) => {
      try {
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed)) throw new AppError({ code: 'INVALID_INPUT', message: `--seed must be a whole number, not "${opts.seed}".` });
        if ((opts.from === undefined) === (opts.project === undefined)) throw new AppError({ code: 'INVALID_INPUT', message: 'Give either --project <id> or --from <dir>.' });
        const projectId = Number(opts.project);
        if (opts.project !== undefined && !(Number.isInteger(projectId) && projectId > 0)) {
          throw new AppError({ code: 'INVALID_INPUT', message: `--project must be a project id (a whole number above 0), not "${opts.project}".` });
        }
        const source = opts.project !== undefined ? { projectId } : { from: resolve(opts.from as string) };
        const r = (await invokeOnce(opts.dataDir, 'models.trainRoi', { ...source, seed, ...(opts.base ? { baseCardPath: resolve(opts.base) } : {}) })) as {
          model: ModelEntry;
          heldOut: { recall: number; precision: number; images: number } | null;
          heldOutBefore: { recall: number; precision: number } | null;
        };
        if (opts.json) return printJson(r);
        process.stdout.write(`trained ${r.model.name}@${r.model.version} → ${r.model.cardPath}\n`);
        if (r.heldOut) {
          process.stdout.write(`  held out (${r.heldOut.images} images): recall@5 ${r.heldOut.recall.toFixed(3)}, precision ${r.heldOut.precision.toFixed(3)}`);
          if (r.heldOutBefore) process.stdout.write(`  (before: ${r.heldOutBefore.recall.toFixed(3)}, ${r.heldOutBefore.precision.toFixed(3)})`);
          process.stdout.write('\n');
        }
      } catch (e) {
        fail(e, !!opts.json);
      }
    });
}
