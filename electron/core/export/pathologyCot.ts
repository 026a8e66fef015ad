import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ExportPreflight, ExportResult } from '../../../shared/contract/export';
import { buildCoco, type CocoCase } from '../../../shared/review/coco';
import { DATASET_FORMAT, type ManifestLine } from '../../../shared/review/dataset';
import { datasetCard, type DatasetCounts } from '../../../shared/review/datasetCard';
import { buildQupathGeoJson } from '../../../shared/review/qupath';
import conversationSchema from '../../../schemas/conversation.schema.json';
import manifestLineSchema from '../../../schemas/manifest-line.schema.json';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { CoreError } from '../errors';
import { flagsIn, projectNames } from '../review/itemRows';
import { projectSecret, pseudonym } from '../review/projectSecret';
import { slideEngineFor } from '../slides/slideEngineRegistry';
import { collectExport, type ExportCase } from './collectExport';
import { writeCase, type CaseNaming, type WrittenCase } from './caseWriter';
import { CASE_FILE, isEmptyDir, partialDirOf, readStagingState, STATE_FILE, TMP_CASE_PREFIX, type StagingState } from './staging';

export interface ExportOptions {
  projectId: number;
  out: string;
  includeRejected: boolean;
  deidentify: boolean;
  maxCropSide: number;
}

/** What was written for a case, kept inside its folder until the export finishes (so a resumed run can reuse it). */
interface CaseRecord {
  fingerprint: string;
  written: Omit<WrittenCase, 'coco'> & { coco: Omit<CocoCase, 'lines'> };
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'slide';

/** Changes whenever anything written for the case would change: its reviews, items and the export's naming. */
function caseFingerprint(c: ExportCase, naming: CaseNaming, names: readonly string[]): string {
  const parts = [naming.folder, naming.slide, naming.case, JSON.stringify(names)];
  for (const it of [c.impression, ...c.regions]) if (it) parts.push(`${it.row.id}:${it.row.updated_at}:${it.review.id}`);
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

export function preflight(deps: CoreDeps, projectId: number, includeRejected: boolean): ExportPreflight {
  const sel = collectExport(deps.db, projectId, includeRejected);
  const names = projectNames(deps.db, projectId);
  const flags = [];
  let regions = 0;
  let highPowerCrops = 0;
  for (const c of sel.cases) {
    for (const it of [c.impression, ...c.regions]) {
      if (!it) continue;
      if (it.row.kind !== 'impression') {
        regions++;
        highPowerCrops += (JSON.parse(it.row.high_power) as unknown[]).length;
      }
      for (const f of flagsIn(JSON.parse(it.review.final) as Record<string, string>, names)) flags.push({ ...f, itemId: it.row.id, caseName: c.caseName, slideName: c.slideName });
    }
  }
  return { cases: sel.cases.length, regions, highPowerCrops, rejected: sel.rejected, unreviewed: sel.unreviewed, flags };
}

function prepareStaging(out: string, state: StagingState): { partial: string; resumed: boolean } {
  if (existsSync(out) && !isEmptyDir(out)) {
    throw new CoreError('CONFLICT', `${out} already exists and is not empty. Choose a new folder (an export never writes into existing files).`);
  }
  const parent = dirname(out);
  if (!existsSync(parent)) throw new CoreError('FILE_NOT_FOUND', `The folder ${parent} does not exist; create it first or choose another place.`);
  const partial = partialDirOf(out);
  const before = existsSync(partial) ? readStagingState(partial) : null;
  if (existsSync(partial) && !before) {
    throw new CoreError('CONFLICT', `${partial} exists but is not an interrupted Sightline export; move it away and try again.`);
  }
  if (before && JSON.stringify(before) !== JSON.stringify(state)) {
    throw new CoreError(
      'CONFLICT',
      `${partial} holds an interrupted export of ${before.projectId === state.projectId ? 'this project with other options' : 'another project'}; resume it with the same options, or delete that folder to start over.`,
    );
  }
  mkdirSync(join(partial, 'cases'), { recursive: true });
  if (!before) writeFileSync(join(partial, STATE_FILE), JSON.stringify(state));
  // A case folder is renamed from its temporary name only when complete: a temporary one is an interrupted case.
  for (const d of readdirSync(join(partial, 'cases'))) if (d.startsWith(TMP_CASE_PREFIX)) rmSync(join(partial, 'cases', d), { recursive: true, force: true });
  return { partial, resumed: before !== null };
}

function readCaseRecord(dir: string): CaseRecord | null {
  try {
    return JSON.parse(readFileSync(join(dir, CASE_FILE), 'utf8')) as CaseRecord;
  } catch {
    return null;
  }
}

/**
 * Writes the Pathology-CoT dataset of a project into `<out>.partial`, case by case (each case folder renamed into
 * place when complete), then the manifest, dataset card, COCO and QuPath files, and finally renames the whole
 * folder to `out`. Cancelled or crashed, it leaves `<out>.partial`, which the next run with the same options
 * resumes: finished cases whose content has not changed since are kept.
 */
export async function exportPathologyCot(deps: CoreDeps, ctx: CallContext, opts: ExportOptions): Promise<ExportResult> {
  const started = performance.now();
  const out = resolve(opts.out);
  const { db } = deps;
  const sel = collectExport(db, opts.projectId, opts.includeRejected);
  if (sel.cases.length === 0) {
    throw new CoreError('CONFLICT', `Nothing to export yet: no region of this project has been reviewed${opts.includeRejected ? '' : ' and accepted'} (${sel.unreviewed} item${sel.unreviewed === 1 ? '' : 's'} still to review).`);
  }
  const secret = projectSecret(db, ctx.actorId, opts.projectId);
  const names = projectNames(db, opts.projectId);
  const state: StagingState = { format: DATASET_FORMAT, projectId: opts.projectId, options: { includeRejected: opts.includeRejected, deidentify: opts.deidentify, maxCropSide: opts.maxCropSide } };
  const { partial } = prepareStaging(out, state);

  // The same slide file can be in several cases: its folder then gets a number (the order is the queue's, so stable).
  const usedFolders = new Map<string, number>();
  const unique = (name: string) => {
    const n = (usedFolders.get(name) ?? 0) + 1;
    usedFolders.set(name, n);
    return n === 1 ? name : `${name}-${n}`;
  };
  const namingOf = (c: ExportCase): CaseNaming => {
    if (opts.deidentify) {
      const slide = pseudonym(secret, 'slide', c.slideSha256);
      return { folder: unique(slide), slide, case: pseudonym(secret, 'case', String(c.caseId)), reviewer: (id) => pseudonym(secret, 'reviewer', String(id)) };
    }
    return { folder: unique(safeName(basename(c.slideName, extname(c.slideName)))), slide: c.slideName, case: c.caseName, reviewer: (_id, name) => name };
  };

  const totalImages = sel.cases.reduce((s, c) => s + 2 + c.regions.reduce((k, it) => k + 1 + (JSON.parse(it.row.high_power) as unknown[]).length, 0), 0);
  let imagesDone = 0;
  const label = `Exporting ${sel.cases.length} case${sel.cases.length === 1 ? '' : 's'}`;
  ctx.progress(0, totalImages, label);
  const engine = slideEngineFor(deps);
  const written: Array<{ c: ExportCase; naming: CaseNaming; w: CaseRecord['written'] }> = [];
  let casesResumed = 0;
  for (const c of sel.cases) {
    const naming = namingOf(c);
    const fingerprint = caseFingerprint(c, naming, opts.deidentify ? names : []);
    const finalDir = join(partial, 'cases', naming.folder);
    const previous = readCaseRecord(finalDir);
    const caseImages = 2 + c.regions.reduce((k, it) => k + 1 + (JSON.parse(it.row.high_power) as unknown[]).length, 0);
    if (previous && previous.fingerprint === fingerprint) {
      written.push({ c, naming, w: previous.written });
      casesResumed++;
      imagesDone += caseImages;
      ctx.progress(imagesDone, totalImages, label);
      continue;
    }
    if (ctx.signal.aborted) break;
    rmSync(finalDir, { recursive: true, force: true });
    const tmpDir = join(partial, 'cases', `${TMP_CASE_PREFIX}${naming.folder}`);
    rmSync(tmpDir, { recursive: true, force: true });
    try {
      const src = (await engine.byId(db, c.slideId)).reader;
      const w = await writeCase(tmpDir, c, src, naming, {
        deidentify: opts.deidentify,
        names,
        maxCropSide: opts.maxCropSide,
        signal: ctx.signal,
        onImage: () => ctx.progress(++imagesDone, totalImages, label),
      });
      const record: CaseRecord = { fingerprint, written: w };
      writeFileSync(join(tmpDir, CASE_FILE), JSON.stringify(record));
      renameSync(tmpDir, finalDir);
      written.push({ c, naming, w });
    } catch (e) {
      rmSync(tmpDir, { recursive: true, force: true });
      if (ctx.signal.aborted || (e instanceof CoreError && e.code === 'CANCELLED')) break;
      if (e instanceof CoreError) throw new CoreError(e.code, `Slide "${c.slideName}" (case ${c.caseName}): ${e.message} The cases written so far are kept in ${partial}; run the export again to resume.`);
      throw e;
    }
  }
  if (ctx.signal.aborted) {
    const done = written.length;
    throw new CoreError('CANCELLED', `The export was cancelled after ${done} of ${sel.cases.length} cases; they are kept in ${partial}, and exporting to the same folder again resumes from there.`);
  }

  // Every case is in place: the files that describe the whole dataset, then the rename that makes it complete.
  const manifest: ManifestLine[] = written.flatMap((x) => x.w.lines);
  writeFileSync(join(partial, 'manifest.jsonl'), manifest.map((l) => JSON.stringify(l)).join('\n') + '\n');
  writeFileSync(join(partial, 'coco.json'), `${JSON.stringify(buildCoco(written.map((x) => ({ ...x.w.coco, lines: x.w.lines })), 'Sightline Pathology-CoT export: region boxes over case thumbnails'))}\n`);
  // The dataset card points at these: the export describes itself wherever it is copied.
  mkdirSync(join(partial, 'schemas'), { recursive: true });
  writeFileSync(join(partial, 'schemas', 'manifest-line.schema.json'), `${JSON.stringify(manifestLineSchema, null, 2)}\n`);
  writeFileSync(join(partial, 'schemas', 'conversation.schema.json'), `${JSON.stringify(conversationSchema, null, 2)}\n`);
  mkdirSync(join(partial, 'qupath'), { recursive: true });
  for (const x of written) writeFileSync(join(partial, 'qupath', `${x.naming.folder}.geojson`), buildQupathGeoJson(x.w.lines));
  const primary = manifest.filter((l) => l.parent === null);
  const backends = new Map<string, { backend: string; backendVersion: string; modelName: string; modelVersion: string; regions: number }>();
  for (const l of primary) {
    if (!l.draft) continue;
    const key = JSON.stringify(l.draft);
    const b = backends.get(key) ?? { ...l.draft, regions: 0 };
    b.regions++;
    backends.set(key, b);
  }
  const counts: DatasetCounts = {
    cases: written.length,
    regions: primary.length,
    highPowerCrops: written.reduce((s, x) => s + x.w.highPowerCrops, 0),
    images: written.reduce((s, x) => s + x.w.images, 0),
    accepted: primary.filter((l) => l.decision === 'accept').length,
    edited: primary.filter((l) => l.decision === 'edit').length,
    rejected: primary.filter((l) => l.decision === 'reject').length,
    reviewers: new Set(primary.map((l) => l.reviewer)).size,
    reviewMode: primary.filter((l) => l.mode === 'review').length,
    manualMode: primary.filter((l) => l.mode === 'manual').length,
    redactions: written.reduce((s, x) => s + x.w.redactions, 0),
    impressions: written.filter((x) => x.w.impression).length,
  };
  const belowMagnification = manifest.filter((l) => l.imageMagnification < l.magnification * 0.995).length;
  writeFileSync(
    join(partial, 'README.md'),
    datasetCard({ counts, deidentified: opts.deidentify, includeRejected: opts.includeRejected, appVersion: deps.version, maxCropSide: opts.maxCropSide, belowMagnification, backends: [...backends.values()] }),
  );
  const kept = new Set(written.map((x) => x.naming.folder));
  // Cases written by an earlier run that are no longer in the export (e.g. their reviews changed) are dropped.
  for (const d of readdirSync(join(partial, 'cases'))) if (!kept.has(d)) rmSync(join(partial, 'cases', d), { recursive: true, force: true });
  for (const x of written) rmSync(join(partial, 'cases', x.naming.folder, CASE_FILE), { force: true });
  rmSync(join(partial, STATE_FILE), { force: true });
  if (isEmptyDir(out)) rmdirSync(out);
  renameSync(partial, out);

  const result: ExportResult = {
    out,
    cases: counts.cases,
    casesResumed,
    regions: counts.regions,
    highPowerCrops: counts.highPowerCrops,
    images: counts.images,
    manifestLines: manifest.length,
    redactions: counts.redactions,
    rejectedIncluded: counts.rejected,
    deidentified: opts.deidentify,
    elapsedMs: Math.round(performance.now() - started),
  };
  db.transaction(() => appendAudit(db, { actorId: ctx.actorId, action: 'export.pathologyCot', entity: 'project', entityId: opts.projectId, after: result }))();
  return result;
}
