import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { analyseBehavior, BehaviorConfig, type BehaviorCommand } from '../../../shared/behavior';
import { formatLineErrors, NavigationParser, type ParseResult } from '../../../shared/navigation';
import { CoreError } from '../../core/errors';
import { fail, printJson } from '../output';

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw fileError(e, file, what);
  }
}

function fileError(e: unknown, file: string, what: string): CoreError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new CoreError('FILE_NOT_FOUND', `${what} ${file} does not exist.`);
  return new CoreError('FILE_UNREADABLE', `${what} ${file} cannot be read (${code ?? (e as Error).message}).`);
}

/** Streams the file through the parser in 1 MiB chunks, so files larger than the biggest JS string still work. */
function parseEventsFile(file: string): ParseResult {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw fileError(e, file, 'The events file');
  }
  const parser = new NavigationParser();
  const decoder = new TextDecoder('utf-8');
  const chunk = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      const text = rest + decoder.decode(chunk.subarray(0, n), { stream: n > 0 });
      if (n === 0) {
        parser.push(text);
        break;
      }
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        parser.push(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  } catch (e) {
    throw fileError(e, file, 'The events file');
  } finally {
    closeSync(fd);
  }
  return parser.finish();
}

function readConfig(file: string): BehaviorConfig {
  const text = readText(file, 'The thresholds file');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CoreError('INVALID_INPUT', `${file} is not valid JSON (${(e as Error).message}).`);
  }
  const parsed = BehaviorConfig.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new CoreError('INVALID_INPUT', `${file}: ${problems}`);
  }
  return parsed.data;
}

function clock(ms: number): string {
  const s = ms / 1000;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = (s % 60).toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

function table(commands: BehaviorCommand[]): string[] {
  const header = ['id', 'kind', 'mag', 'box [x0, y0, x1, y1] (level-0 px)', 'start', 'duration', 'visits', 'parent'];
  const rows = commands.map((c) => [String(c.id), c.kind, `${c.magnification}×`, `[${c.box.join(', ')}]`, clock(c.start), `${(c.duration / 1000).toFixed(1)} s`, String(c.visits), c.parentId === null ? '-' : String(c.parentId)]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const right = new Set([0, 4, 5, 6, 7]);
  const line = (cells: string[]) => cells.map((cell, k) => (right.has(k) ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export function registerBehavior(program: Command): void {
  program
    .command('behavior')
    .description('Turn a navigation event stream into behavioural commands (inspect/peek, magnification, box, start, duration, visits, parent).')
    .argument('<events>', 'navigation events as JSON Lines: the slide header, then one event per line (see docs/behavior.md)')
    .option('--config <file>', 'JSON file overriding any of the pipeline thresholds, e.g. {"dwellMinMs": 1500}')
    .option('--json', 'print {"commands": [...]} as JSON')
    .action((file: string, opts: { config?: string; json?: boolean }) => {
      const json = !!opts.json;
      let config: BehaviorConfig | undefined;
      let parsed: ParseResult;
      try {
        config = opts.config === undefined ? undefined : readConfig(opts.config);
        parsed = parseEventsFile(file);
      } catch (e) {
        fail(e, json);
      }
      if (!parsed.ok) {
        process.stderr.write(`${formatLineErrors(parsed, file).join('\n')}\n`);
        const message = `${file} has ${parsed.errorCount} invalid line${parsed.errorCount === 1 ? '' : 's'}; nothing was analysed.`;
        if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message, details: { lines: parsed.errors } } })}\n`);
        else process.stderr.write(`sightline: ${message}\n`);
        process.exit(1);
      }
      let analysis;
      try {
        analysis = analyseBehavior(parsed.session, config);
      } catch (e) {
        fail(e instanceof z.ZodError ? new CoreError('INVALID_INPUT', e.message) : e, json);
      }
      if (json) return printJson({ commands: analysis.commands });
      const { commands, activeMs, endMs } = analysis;
      const out = [`${file}: ${commands.length} command${commands.length === 1 ? '' : 's'}; active ${clock(activeMs)} of ${clock(endMs)}`];
      if (commands.length > 0) out.push(...table(commands));
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
