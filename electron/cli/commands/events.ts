import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError, type Profile, type RecordingSession } from '../../../shared/contract';
import { serializeNavigationJsonl, type LineError, type NavigationEvent, type SlideHeader } from '../../../shared/navigation';
import { createCore, type Core } from '../../core/createCore';
import { CoreError } from '../../core/errors';
import { defaultDataDir } from '../../core/store/dataDir';
import { fail, printJson } from '../output';
import { VERSION } from '../version';

export const DATA_DIR_HELP = 'where the library lives (default: $SIGHTLINE_DATA_DIR or the per-user app data folder)';

/**
 * Opens the data dir's database through a core (so migrations and the data-dir lock apply: a running Sightline on
 * the same folder is reported, not raced), runs `work`, and closes it.
 */
export async function withCore<T>(dataDir: string | undefined, work: (core: Core) => Promise<T>): Promise<T> {
  const core = createCore({ dataDir: dataDir ?? defaultDataDir(), door: 'cli', version: VERSION });
  try {
    return await work(core);
  } finally {
    core.close();
  }
}

/** Calls the core; an error envelope is thrown as an AppError (code and message intact). */
export async function invoke<T>(core: Core, name: string, input: unknown, actorId: number | null = null): Promise<T> {
  const env = await core.invoke(name, input, { actorId });
  if (!env.ok) throw new AppError(env.error);
  return env.value as T;
}

export function parseId(what: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n <= 0) throw new CoreError('INVALID_INPUT', `${what} must be a positive whole number, not "${raw}".`);
  return n;
}

/** The profile named (or numbered) `wanted`; without one, the only profile there is. */
async function resolveProfile(core: Core, wanted: string | undefined): Promise<Profile> {
  const profiles = await invoke<Profile[]>(core, 'profiles.list', {});
  if (wanted !== undefined) {
    const byId = /^\d+$/.test(wanted) ? profiles.find((p) => p.id === Number(wanted)) : undefined;
    const found = byId ?? profiles.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
    if (!found) throw new CoreError('NOT_FOUND', `There is no profile "${wanted}" (profiles: ${profiles.map((p) => p.name).join(', ') || 'none'}).`);
    return found;
  }
  if (profiles.length === 1) return profiles[0];
  if (profiles.length === 0) throw new CoreError('NOT_FOUND', 'This library has no profile yet: create one in Sightline first (an imported session belongs to a profile).');
  throw new CoreError('INVALID_INPUT', `Say whose session this is with --profile <name|id> (profiles: ${profiles.map((p) => p.name).join(', ')}).`);
}

function readJsonl(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CoreError('FILE_NOT_FOUND', `There is no file at ${file}. Check the path and try again.`);
    if (code === 'EISDIR') throw new CoreError('INVALID_INPUT', `${file} is a folder; give a .jsonl file.`);
    throw new CoreError('FILE_UNREADABLE', `Sightline cannot read ${file} (${code ?? (e as Error).message}).`);
  }
}

/** A refused import, told as `file:line: message`, with how many other lines are bad. */
function importError(e: unknown, file: string): unknown {
  const details = e instanceof AppError ? (e.details as { errors?: LineError[]; errorCount?: number } | undefined) : undefined;
  if (!(e instanceof AppError) || !details?.errors?.length || details.errorCount === undefined) return e;
  const [first, ...others] = details.errors;
  const n = details.errorCount - 1;
  const more = n > 0 ? ` (and ${n} more invalid line${n === 1 ? '' : 's'}: ${others.slice(0, 5).map((x) => x.line).join(', ')}${n > 5 ? ', …' : ''})` : '';
  return new CoreError('INVALID_INPUT', `${basename(file)}:${first.line}: ${first.message}${more}. Nothing was imported.`);
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

export function registerEvents(program: Command): void {
  const events = program.command('events').description('Recorded navigation sessions as JSON Lines: export them, or import sessions from other viewers.');

  events
    .command('export')
    .description('Write a session as JSON Lines: the slide header, then one event per line.')
    .argument('<sessionId>', 'the session (see the sessions panel, or sightline metrics)')
    .option('--out <file>', 'where to write it (default: standard output)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print {ok, sessionId, file, events} when done (with --out)')
    .action(async (rawId: string, opts: { out?: string; dataDir?: string; json?: boolean }) => {
      const json = !!opts.json;
      try {
        const sessionId = parseId('The session id', rawId);
        const r = await withCore(opts.dataDir, (core) => invoke<{ slide: SlideHeader; events: NavigationEvent[] }>(core, 'recording.events', { sessionId }));
        const text = serializeNavigationJsonl(r);
        if (!opts.out) return void process.stdout.write(text);
        const file = resolve(opts.out);
        writeAtomically(file, text);
        if (json) printJson({ ok: true, sessionId, file, events: r.events.length });
        else process.stdout.write(`Wrote session ${sessionId} (${r.events.length} events) to ${file}\n`);
      } catch (e) {
        fail(e, json);
      }
    });

  events
    .command('import')
    .description('Import a JSON Lines session onto a slide of the library. Every line is checked first; a bad line is reported with its number and nothing is imported.')
    .argument('<file>', 'a .jsonl file: a {"type":"slide",…} header line, then one event per line')
    .requiredOption('--slide <slideId>', 'the library slide the session was recorded on')
    .option('--profile <name|id>', 'whose session it is (default: the only profile, if there is one)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print the new session as JSON')
    .action(async (file: string, opts: { slide: string; profile?: string; dataDir?: string; json?: boolean }) => {
      const json = !!opts.json;
      try {
        const slideId = parseId('--slide', opts.slide);
        const path = resolve(file);
        const jsonl = readJsonl(path);
        const session = await withCore(opts.dataDir, async (core) => {
          const profile = await resolveProfile(core, opts.profile);
          try {
            return await invoke<RecordingSession>(core, 'recording.import', { slideId, jsonl }, profile.id);
          } catch (e) {
            throw importError(e, path);
          }
        });
        if (json) printJson({ ok: true, session });
        else process.stdout.write(`Imported ${session.eventCount} events from ${basename(path)} as session ${session.id} on slide ${slideId} (${session.userName}).\n`);
      } catch (e) {
        fail(e, json);
      }
    });
}
