import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openStandaloneSlide, summarise } from '../../core/slides/slideSummary';
import { fail, printJson } from '../output';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Describe a slide file: format, vendor, size, pyramid levels, MPP, objective power, associated images.')
    .argument('<file>', 'a slide (SVS, TIFF, OME-TIFF, DZI, PNG/JPEG/WebP, or any OpenSlide format when OpenSlide is installed)')
    .option('--json', 'print the description as JSON')
    .option('--properties', 'also list every metadata property the file carries')
    .action(async (file: string, opts: { json?: boolean; properties?: boolean }) => {
      const json = !!opts.json;
      let reader;
      try {
        reader = await openStandaloneSlide(resolve(file));
      } catch (e) {
        fail(e, json);
      }
      const s = summarise(reader);
      await reader.close();
      if (json) {
        const { properties, ...rest } = s;
        return printJson(opts.properties ? { ...rest, properties } : rest);
      }
      const out: string[] = [
        `${s.path}`,
        `  format     ${s.format} (${s.vendor})`,
        `  size       ${s.width} × ${s.height} px`,
        `  mpp        ${s.mpp ? `${s.mpp.x} × ${s.mpp.y} µm/px` : 'unknown'}`,
        `  objective  ${s.objectivePower ? `${s.objectivePower}×` : 'unknown'}`,
        `  associated ${s.associatedImages.join(', ') || 'none'}`,
        `  levels`,
        ...s.levels.map((l, i) => `    ${i}  ${`${l.width} × ${l.height}`.padEnd(16)} downsample ${String(l.downsample).padEnd(10)} tiles ${l.tileWidth} × ${l.tileHeight}`),
      ];
      if (opts.properties) out.push('  properties', ...Object.entries(s.properties).map(([k, v]) => `    ${k} = ${v.replace(/\s+/g, ' ')}`));
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
