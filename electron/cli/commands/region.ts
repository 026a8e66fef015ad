import { resolve } from 'node:path';
import type { Command } from 'commander';
import sharp from 'sharp';
import { CoreError } from '../../core/errors';
import { openStandaloneSlide } from '../../core/slides/slideSummary';
import { fail, printJson } from '../output';

interface RegionOptions {
  x: string;
  y: string;
  level: string;
  w: string;
  h: string;
  out?: string;
  json?: boolean;
}

function int(name: string, v: string, min: number): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < min) throw new CoreError('INVALID_INPUT', `--${name} must be a whole number${min > 0 ? ' above 0' : min === 0 ? ' of 0 or more' : ''}, not "${v}".`);
  return n;
}

export function registerRegion(program: Command): void {
  program
    .command('region')
    .description('Cut a region out of a slide as a PNG (x, y in level-0 pixels; w, h in pixels of the chosen level, as OpenSlide counts).')
    .argument('<file>', 'a slide file')
    .requiredOption('--x <px>', 'left edge, in level-0 pixels')
    .requiredOption('--y <px>', 'top edge, in level-0 pixels')
    .option('--level <n>', 'pyramid level (0 = full resolution)', '0')
    .requiredOption('--w <px>', 'width, in pixels of that level')
    .requiredOption('--h <px>', 'height, in pixels of that level')
    .option('--out <file.png>', 'where to write the PNG')
    .option('--json', 'print {"ok":true,"out":…,"width":…,"height":…}')
    .action(async (file: string, opts: RegionOptions) => {
      const json = !!opts.json;
      let reader;
      try {
        if (!opts.out) throw new CoreError('INVALID_INPUT', '--out <file.png> is needed: where to write the region.');
        const x = int('x', opts.x, Number.MIN_SAFE_INTEGER);
        const y = int('y', opts.y, Number.MIN_SAFE_INTEGER);
        const level = int('level', opts.level, 0);
        const w = int('w', opts.w, 1);
        const h = int('h', opts.h, 1);
        reader = await openStandaloneSlide(resolve(file));
        const img = await reader.readRegion(x, y, level, w, h);
        const out = resolve(opts.out);
        try {
          await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } }).png().toFile(out);
        } catch (e) {
          throw new CoreError('FILE_UNREADABLE', `Could not write ${out}: ${(e as Error).message}`);
        }
        await reader.close();
        if (json) printJson({ ok: true, out, width: w, height: h, level });
        else process.stdout.write(`wrote ${out} (${w} × ${h} px of level ${level})\n`);
      } catch (e) {
        await reader?.close();
        fail(e, json);
      }
    });
}
