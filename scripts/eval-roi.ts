// `npm run eval:roi [-- --heldout N --train N --json]`: recall at 5 proposals per slide and precision at IoU ≥ 0.3 on
// the planted-lesion generator's test split (never used while building), for the shipped roi-proposer and for one
// retrained from scripted expert sessions: navigation recorded on training-split slides (an overview at 1.25×, a dwell
// at 10× on each lesion, peeks at 40× inside some), imported into a temporary library and learnt from as
// `sightline train roi --project` does (the behaviour pipeline's inspect/peek commands vs tissue seen at low power).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../electron/core/createCore';
import { checkModel } from '../electron/core/models/modelCheck';
import { closeSharedRuntime, sharedRuntime } from '../electron/core/models/runtime';
import { evalProposer, type ProposerEval } from '../test/fixtures/lesions/evalProposer';
import { lesionSlide } from '../test/fixtures/lesions/lesionSlide';
import { scriptedSessionProject } from '../test/fixtures/lesions/sessionTraining';
import { lesionSplit } from '../test/fixtures/lesions/split';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const json = process.argv.includes('--json');
const heldOutCount = arg('heldout', 40);
const trainCount = arg('train', 48);
const shippedCard = fileURLToPath(new URL('../models/roi-proposer/card.json', import.meta.url));

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
function row(name: string, e: ProposerEval) {
  return {
    model: name,
    slides: e.summary.slides,
    lesions: e.summary.truths,
    proposals: e.summary.proposals,
    recallAt5: e.summary.recall,
    precision: e.summary.precision,
    meanPassesRight: mean(e.passesRight),
    meanPassesWrong: mean(e.passesWrong),
    proposalsRight: e.passesRight.length,
    proposalsWrong: e.passesWrong.length,
    abstainRight: e.abstainRight,
    abstainWrong: e.abstainWrong,
    seconds: e.seconds,
  };
}

const runtime = sharedRuntime();
const heldOut = await lesionSplit('test', heldOutCount);
const shipped = await checkModel(shippedCard, runtime);
const shippedEval = await evalProposer(heldOut, shipped, runtime);

const dataDir = mkdtempSync(join(tmpdir(), 'sightline-eval-roi-'));
const core = createCore({ dataDir, door: 'cli', version: 'eval' });
let trainedRow;
try {
  const slides = [];
  for (let i = 0; i < trainCount; i++) slides.push(await lesionSlide('train', i));
  const { userId, projectId } = await scriptedSessionProject(core, slides, 42);
  const trained = await core.invoke('models.trainRoi', { projectId, baseCardPath: shippedCard, seed: 42 }, { actorId: userId });
  if (!trained.ok) throw new Error(trained.error.message);
  const value = trained.value as { model: { cardPath: string; version: string; training: { sources?: unknown } }; heldOut: unknown; heldOutBefore: unknown };
  const model = await checkModel(value.model.cardPath, runtime);
  trainedRow = { ...row(`roi-proposer ${value.model.version} (from ${trainCount} scripted sessions)`, await evalProposer(heldOut, model, runtime)), sources: value.model.training.sources, card: { heldOut: value.heldOut, heldOutBefore: value.heldOutBefore } };
} finally {
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
await closeSharedRuntime();

const rows = [row(`roi-proposer ${shipped.card.version} (shipped)`, shippedEval), trainedRow];
const bar = { recallAt5: 0.9 };
const met = rows[0].recallAt5 >= bar.recallAt5 && rows[1].recallAt5 >= rows[0].recallAt5;
if (json) process.stdout.write(`${JSON.stringify({ heldOut: { split: 'test', firstSeed: 30000, slides: heldOutCount, defaults: true }, rows, bar, met }, null, 2)}\n`);
else {
  process.stdout.write(`Held-out planted-lesion slides (test split, seeds 30000+, generator defaults): ${heldOutCount}\n\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.model}\n  recall@5 ${r.recallAt5.toFixed(3)}  precision@IoU0.3 ${r.precision.toFixed(3)}  (${r.proposals} proposals, ${r.lesions} lesions)\n` +
        `  passes: ${r.meanPassesRight.toFixed(2)} mean on ${r.proposalsRight} right, ${r.meanPassesWrong.toFixed(2)} on ${r.proposalsWrong} wrong; abstained: ${r.abstainRight} right, ${r.abstainWrong} wrong  (${r.seconds.toFixed(1)} s)\n`,
    );
    if ('sources' in r) process.stdout.write(`  trained on: ${JSON.stringify(r.sources)}\n  its card's held-out figures (sessions held out): ${JSON.stringify(r.card)}\n`);
  }
  process.stdout.write(`\nbar: shipped recall@5 ≥ ${bar.recallAt5} and retraining does not lower it: ${met ? 'met' : 'NOT MET'}\n`);
}
process.exitCode = met ? 0 : 1;
