import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError, type Annotation, type AnnotationClass, type ImportCounts, type Profile } from '../../../shared/contract';
import type { AnnotationFormat } from '../../../shared/annotations/interchange';
import type { Core } from '../../core/createCore';
import { CoreError } from '../../core/errors';
import { fail, printJson } from '../output';
import { DATA_DIR_HELP, invoke, parseId, withCore } from './events';

const FORMATS: readonly AnnotationFormat[] = ['geojson', 'asap'];
const FORMAT_NAMES: Record<AnnotationFormat, string> = { geojson: 'QuPath GeoJSON', asap: 'ASAP XML' };

function parseFormat(raw: string | undefined): AnnotationFormat | undefined {
  if (raw === undefined) return undefined;
  const f = raw.toLowerCase() === 'xml' ? 'asap' : raw.toLowerCase() === 'json' ? 'geojson' : raw.toLowerCase();
  if (!(FORMATS as readonly string[]).includes(f)) throw new CoreError('INVALID_INPUT', `--format must be geojson or asap, not "${raw}".`);
  return f as AnnotationFormat;
}

function readText(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new CoreError('INVALID_INPUT', `${file} is a folder; give a .geojson or .xml file.`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CoreError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CoreError('FILE_NOT_FOUND', `There is no file at ${file}. Check the path and try again.`);
    throw new CoreError('FILE_UNREADABLE', `Sightline cannot read ${file} (${code ?? (e as Error).message}).`);
  }
}

/** By extension, else by the first character (JSON or XML). */
function detectFormat(file: string, text: string): AnnotationFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.xml') return 'asap';
  const head = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (head === '{' || head === '[') return 'geojson';
  if (head === '<') return 'asap';
  throw new CoreError('INVALID_INPUT', `Sightline cannot tell the format of ${basename(file)}: say --format geojson or --format asap.`);
}

/** Writes next to the target and renames, so a failure never leaves half a file under the target's name. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new CoreError('FILE_UNREADABLE', `Sightline cannot write ${file} (${code ?? (e as Error).message}).`);
  }
}

async function profileId(core: Core, wanted: string | undefined): Promise<number | null> {
  if (wanted === undefined) return null;
  const profiles = await invoke<Profile[]>(core, 'profiles.list', {});
  const found = (/^\d+$/.test(wanted) ? profiles.find((p) => p.id === Number(wanted)) : undefined) ?? profiles.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
  if (!found) throw new CoreError('NOT_FOUND', `There is no profile "${wanted}" (profiles: ${profiles.map((p) => p.name).join(', ') || 'none'}).`);
  return found.id;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

interface ExportOptions {
  slide: string;
  format: string;
  out?: string;
  dataDir?: string;
  json?: boolean;
}

interface ImportOptions {
  slide: string;
  format?: string;
  profile?: string;
  dataDir?: string;
  json?: boolean;
}

export function registerAnnotations(program: Command): void {
  const cmd = program.command('annotations').description('Slide annotations: export them as QuPath GeoJSON or ASAP XML, or import such files onto a slide.');

  cmd
    .command('export')
    .description("Write a slide's annotations (not deleted) as QuPath GeoJSON or ASAP XML.")
    .requiredOption('--slide <id>', 'the library id of the slide')
    .requiredOption('--format <format>', 'geojson (QuPath) or asap (ASAP XML)')
    .option('--out <file>', 'where to write (default: standard output)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print {file, format, count} as JSON (needs --out)')
    .action(async (opts: ExportOptions) => {
      const json = !!opts.json;
      try {
        const slideId = parseId('--slide', opts.slide);
        const format = parseFormat(opts.format) as AnnotationFormat;
        if (json && !opts.out) throw new CoreError('INVALID_INPUT', '--json needs --out (the file itself would go to standard output).');
        const result = await withCore(opts.dataDir, (core) => invoke<{ text: string; count: number }>(core, 'annotations.export', { slideId, format }));
        if (!opts.out) {
          process.stdout.write(result.text);
          return;
        }
        const file = resolve(opts.out);
        writeAtomically(file, result.text);
        if (json) printJson({ file, format, count: result.count });
        else process.stdout.write(`${plural(result.count, 'annotation')} written to ${file} (${FORMAT_NAMES[format]})\n`);
      } catch (e) {
        fail(e, json);
      }
    });

  cmd
    .command('import')
    .description('Add the annotations of a QuPath GeoJSON or ASAP XML file to a slide, creating the classes it names. All or nothing: an invalid file is refused with the reason and the place.')
    .argument('<file>', 'a .geojson/.json (QuPath) or .xml (ASAP) file')
    .requiredOption('--slide <id>', 'the library id of the slide')
    .option('--format <format>', 'geojson or asap (default: from the file name or its content)')
    .option('--profile <name|id>', 'whose annotations these become (default: no author)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print the import counts as JSON')
    .action(async (file: string, opts: ImportOptions) => {
      const json = !!opts.json;
      try {
        const slideId = parseId('--slide', opts.slide);
        const text = readText(file);
        const format = parseFormat(opts.format) ?? detectFormat(file, text);
        const counts = await withCore(opts.dataDir, async (core) => {
          const actor = await profileId(core, opts.profile);
          try {
            return await invoke<ImportCounts>(core, 'annotations.import', { slideId, format, text }, actor);
          } catch (e) {
            if (e instanceof AppError && e.code === 'INVALID_INPUT') throw new AppError({ code: e.code, message: e.message.replace(/^This (GeoJSON|ASAP XML) file/, `${basename(file)} ($1)`), details: e.details });
            throw e;
          }
        });
        if (json) return printJson(counts);
        const types = Object.entries(counts.byType)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ');
        process.stdout.write(`${plural(counts.created, 'annotation')} imported onto slide ${slideId}${types ? ` (${types})` : ''}\n`);
        if (counts.classesCreated.length) process.stdout.write(`new classes: ${counts.classesCreated.join(', ')}\n`);
        for (const s of counts.skipped) process.stdout.write(`skipped ${plural(s.count, 'object')}: ${s.reason}\n`);
      } catch (e) {
        fail(e, json);
      }
    });

  cmd
    .command('list')
    .description("A slide's annotations: how many of each class and shape.")
    .requiredOption('--slide <id>', 'the library id of the slide')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print the annotations and classes as JSON')
    .action(async (opts: { slide: string; dataDir?: string; json?: boolean }) => {
      const json = !!opts.json;
      try {
        const slideId = parseId('--slide', opts.slide);
        const l = await withCore(opts.dataDir, (core) => invoke<{ annotations: Annotation[]; classes: AnnotationClass[] }>(core, 'annotations.list', { slideId }));
        if (json) return printJson(l);
        const names = new Map(l.classes.map((c) => [c.id, c.name]));
        const counts = new Map<string, number>();
        for (const a of l.annotations) {
          const key = `${a.classId === null ? '(unclassified)' : names.get(a.classId)}\t${a.geometry.type}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        process.stdout.write(`${plural(l.annotations.length, 'annotation')} on slide ${slideId}\n`);
        for (const [key, n] of [...counts].sort()) process.stdout.write(`${String(n).padStart(7)}  ${key.replace('\t', '  ')}\n`);
      } catch (e) {
        fail(e, json);
      }
    });
}
