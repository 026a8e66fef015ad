import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Database } from 'better-sqlite3';
import type { NameFlagRow, VideoExportFormat, VideoExportResult, VideoInstance } from '../../../shared/contract';
import { exportEaf } from '../../../shared/feedback/exportEaf';
import { exportCsv, exportJsonl, exportVtt, type FeedbackExportRow } from '../../../shared/feedback/exports';
import { flagNames, redactNames } from '../../../shared/feedback/names';
import { formatPseudonym, pseudonymMessage, type PseudonymKind } from '../../../shared/review/pseudonym';
import { appendAudit } from '../audit/audit';
import type { CallContext } from '../context';
import { CoreError } from '../errors';
import { cutClip } from '../video/clips';
import { cancelled } from '../video/runFfmpeg';
import { videoContext, videosOfCase, type VideoContext } from './instanceRows';
import { listInstances } from './instancesHandlers';
import { mimeTypeOf, probeVideo } from './openVideo';
import { projectVocabulary } from './vocabulary';

export interface ExportScope {
  videoId?: number;
  caseId?: number;
}

export interface ExportOptions extends ExportScope {
  formats: VideoExportFormat[];
  outDir?: string;
  clipsPaddingS: number;
  redactNames: boolean;
  deidentify: boolean;
  annotatorId?: number;
}

interface Scoped {
  videos: VideoContext[];
  projectId: number;
  instances: Map<number, VideoInstance[]>;
}

function scope(db: Database, s: ExportScope, annotatorId?: number): Scoped {
  const videos = s.videoId !== undefined ? [videoContext(db, s.videoId)] : videosOfCase(db, s.caseId as number);
  if (!videos.length) throw new CoreError('NOT_FOUND', `Case ${s.caseId} has no videos.`);
  const instances = new Map(videos.map((v) => [v.id, listInstances(db, v.id, { annotatorId, acceptedOnly: true })]));
  return { videos, projectId: videos[0].projectId, instances };
}

/** People's names an export must not carry: the project's list (de-identification settings) and the profiles' names. */
function knownNames(db: Database, projectId: number): string[] {
  const names = new Set<string>();
  const row = db.prepare('SELECT names FROM project_deid WHERE project_id = ?').get(projectId) as { names: string } | undefined;
  if (row) for (const n of JSON.parse(row.names) as unknown[]) if (typeof n === 'string' && n.trim()) names.add(n.trim());
  for (const u of db.prepare('SELECT name FROM users').all() as { name: string }[]) {
    names.add(u.name);
    // "Dr. Ada Rivera" is also said as "Rivera" or "Ada".
    for (const part of u.name.split(/[\s.,]+/)) if (part.length >= 3 && /^\p{Lu}/u.test(part) && !/^(Dr|Doctor|Prof|Professor|Mr|Mrs|Ms|Miss)$/i.test(part)) names.add(part);
  }
  return [...names];
}

export function nameFlags(db: Database, s: ExportScope): NameFlagRow[] {
  const sc = scope(db, s);
  const names = knownNames(db, sc.projectId);
  const out: NameFlagRow[] = [];
  for (const v of sc.videos) {
    for (const i of sc.instances.get(v.id) ?? []) {
      const flags = flagNames(i.transcript, { names });
      if (flags.length) out.push({ instanceId: i.id, videoId: v.id, startMs: i.startMs, transcript: i.transcript, flags });
    }
  }
  return out;
}

/** The project's pseudonym secret (shared with the dataset export), made and audited on first use. */
function projectSecret(db: Database, actorId: number | null, projectId: number): string {
  const row = db.prepare('SELECT secret FROM project_deid WHERE project_id = ?').get(projectId) as { secret: string } | undefined;
  if (row) return row.secret;
  const secret = randomBytes(32).toString('hex');
  db.transaction(() => {
    db.prepare("INSERT INTO project_deid (project_id, secret, names, updated_at) VALUES (?, ?, '[]', ?)").run(projectId, secret, new Date().toISOString());
    appendAudit(db, { actorId, action: 'export.secret.create', entity: 'project', entityId: projectId });
  })();
  return secret;
}

function pseudonym(secret: string, kind: PseudonymKind, identity: string): string {
  return formatPseudonym(kind, createHmac('sha256', Buffer.from(secret, 'hex')).update(pseudonymMessage(kind, identity)).digest('hex'));
}

const CLIP_EXT: Record<string, string> = { mp4: '.mp4', quicktime: '.mp4', webm: '.webm', matroska: '.mkv' };

function prepareDir(dir: string): boolean {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new CoreError('INVALID_INPUT', `${dir} is a file; choose a folder to export into.`);
    if (readdirSync(dir).length) throw new CoreError('CONFLICT', `${dir} is not empty; choose a new or empty folder so nothing there is overwritten.`);
    return false;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CoreError('FILE_UNREADABLE', `Sightline cannot create ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  return true;
}

/** Writes the chosen formats into a new or empty folder; on failure or cancel, what was written is removed. */
export async function exportFeedback(db: Database, dataDir: string, ctx: CallContext, o: ExportOptions): Promise<VideoExportResult> {
  const sc = scope(db, o, o.annotatorId);
  const { vocabulary } = projectVocabulary(db, sc.projectId);
  const names = knownNames(db, sc.projectId);
  const secret = o.deidentify ? projectSecret(db, ctx.actorId, sc.projectId) : '';
  const caseLabel = (v: VideoContext) => (o.deidentify ? pseudonym(secret, 'case', String(v.caseId)) : v.caseName);
  const annotatorLabel = (i: VideoInstance) => (o.deidentify ? pseudonym(secret, 'reviewer', String(i.annotatorId)) : i.annotatorName);

  let flagged = 0;
  const rowsOf = new Map<number, FeedbackExportRow[]>();
  for (const v of sc.videos) {
    rowsOf.set(
      v.id,
      (sc.instances.get(v.id) ?? []).map((i) => {
        let transcript = i.transcript;
        const flags = flagNames(transcript, { names });
        flagged += flags.length;
        if (o.redactNames && flags.length) transcript = redactNames(transcript, flags);
        return { instance: { ...i, transcript }, caseName: caseLabel(v), annotator: annotatorLabel(i), video: o.deidentify ? `video-${v.id}` : v.name };
      }),
    );
  }
  const allRows = [...rowsOf.values()].flat();
  const formats = [...new Set(o.formats)];
  const clipJobs = formats.includes('clips') ? sc.videos.flatMap((v) => (sc.instances.get(v.id) ?? []).map((i) => ({ v, i }))) : [];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = resolve(o.outDir ?? join(dataDir, 'exports', `${o.videoId !== undefined ? `video-${o.videoId}` : `case-${o.caseId}`}-${stamp}`));
  const made = prepareDir(dir);
  const written: { name: string; format: VideoExportFormat; bytes: number }[] = [];
  const total = formats.filter((f) => f !== 'clips').length + clipJobs.length;
  let done = 0;
  const step = (label: string) => ctx.progress(done, total, label);
  const write = (name: string, format: VideoExportFormat, text: string) => {
    if (ctx.signal.aborted) throw cancelled();
    writeFileSync(join(dir, name), text);
    written.push({ name, format, bytes: Buffer.byteLength(text) });
  };
  try {
    for (const f of formats) {
      if (f === 'clips') continue;
      step(`Writing ${f.toUpperCase()}`);
      if (f === 'csv') write('feedback.csv', 'csv', exportCsv(allRows, vocabulary));
      if (f === 'jsonl') write('feedback.jsonl', 'jsonl', exportJsonl(allRows, vocabulary));
      if (f === 'vtt') for (const v of sc.videos) write(`video-${v.id}.vtt`, 'vtt', exportVtt(rowsOf.get(v.id) ?? [], vocabulary));
      if (f === 'eaf') {
        for (const v of sc.videos) {
          const ext = extname(v.path).toLowerCase();
          const eaf = exportEaf(
            rowsOf.get(v.id) ?? [],
            o.deidentify
              ? { mediaUrl: `file:///video-${v.id}${ext}`, relativeMediaUrl: `./video-${v.id}${ext}`, mimeType: mimeTypeOf(v.format), author: 'Sightline' }
              : { mediaUrl: pathToFileURL(v.path).href, mimeType: mimeTypeOf(v.format), author: 'Sightline' },
            vocabulary,
          );
          write(`video-${v.id}.eaf`, 'eaf', eaf);
        }
      }
      done++;
    }
    if (clipJobs.length) mkdirSync(join(dir, 'clips'), { recursive: true });
    for (const { v, i } of clipJobs) {
      step(`Cutting clip ${done - (total - clipJobs.length) + 1} of ${clipJobs.length}`);
      const info = await probeVideo(v, ctx.signal);
      const name = `clips/video-${v.id}-instance-${i.id}${CLIP_EXT[v.format] ?? '.mp4'}`;
      await cutClip(v.path, i.startMs, i.endMs, join(dir, name), { padS: o.clipsPaddingS, signal: ctx.signal, info });
      written.push({ name, format: 'clips', bytes: statSync(join(dir, name)).size });
      done++;
    }
    step('Done');
  } catch (e) {
    for (const w of written) rmSync(join(dir, w.name), { force: true });
    rmSync(join(dir, 'clips'), { recursive: true, force: true });
    if (made) rmSync(dir, { recursive: true, force: true });
    throw ctx.signal.aborted ? cancelled() : e;
  }
  const instances = allRows.length;
  db.transaction(() => {
    appendAudit(db, {
      actorId: ctx.actorId,
      action: 'export',
      entity: o.videoId !== undefined ? 'video' : 'case',
      entityId: o.videoId ?? o.caseId ?? null,
      after: { dir, formats, instances, redacted: o.redactNames, deidentified: o.deidentify, files: written.length },
    });
  })();
  return { dir, files: written, videos: sc.videos.length, instances, flaggedNames: flagged, redacted: o.redactNames };
}
