// `npm run bench [filter]`: runs every test/bench/**/*.bench.ts and prints figures, ratios to their baselines, and targets.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchFigure } from './benchTypes';

const root = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? find(p) : p.endsWith('.bench.ts') ? [p] : [];
  });
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

let missed = 0;
for (const file of find(root).sort()) {
  if (filter && !relative(root, file).includes(filter)) continue;
  const mod = (await import(pathToFileURL(file).href)) as { default: Bench };
  const bench = mod.default;
  process.stdout.write(`\n== ${bench.name} (${relative(root, file)})\n`);
  let figures: BenchFigure[];
  try {
    figures = await bench.run();
  } catch (e) {
    process.stdout.write(`   failed: ${(e as Error).message}\n`);
    missed++;
    continue;
  }
  for (const f of figures) {
    const ratio = f.baseline ? `  ${fmt(f.value / f.baseline.value)}× ${f.baseline.name} (${fmt(f.baseline.value)} ${f.unit})` : '';
    const target = f.target ? `  target ${f.target}: ${f.met ? 'met' : 'MISSED'}` : '';
    if (f.target && !f.met) missed++;
    process.stdout.write(`   ${f.name.padEnd(48)} ${fmt(f.value).padStart(10)} ${f.unit}${ratio}${target}\n`);
  }
}
process.stdout.write(`\n${missed === 0 ? 'all targets met' : `${missed} target(s) missed`}\n`);
