import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildConversation, DATASET_FORMAT, DATASET_VERSION, type Box, type ConversationRegion, type ManifestLine } from '../../../shared/review/dataset';
import type { CocoCase } from '../../../shared/review/coco';
import { detectIdentifiers, redact } from '../../../shared/review/identifiers';
import { CoreError } from '../errors';
import { boxOf, highPowerOf } from '../review/itemRows';
import { cropJpeg, cropScale, encodeJpeg, readThumbnail, thumbnailWithBoxes, type DrawnBox, type PixelSource } from '../review/regionImages';
import { BOX_COLOURS } from '../review/reviewResources';
import type { ExportCase, ExportItem } from './collectExport';

export interface CaseNaming {
  /** Folder name below cases/. */
  folder: string;
  slide: string;
  case: string;
  reviewer(reviewerId: number, reviewerName: string): string;
}

export interface CaseOptions {
  deidentify: boolean;
  names: readonly string[];
  maxCropSide: number;
  signal: AbortSignal;
  /** Called after each image written. */
  onImage(): void;
}

export interface WrittenCase {
  lines: ManifestLine[];
  coco: Omit<CocoCase, 'lines'>;
  images: number;
  highPowerCrops: number;
  redactions: number;
  impression: boolean;
  conversation: boolean;
}

const THUMBNAIL_SIDE = 1024;

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CoreError('CANCELLED', 'The export was cancelled.');
}

/** Runs `jobs` with at most `limit` in flight (crops decode and encode on libuv's thread pool). */
async function inParallel(jobs: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
}

/**
 * Writes one case folder (thumbnail, thumbnail with boxes, box_N and cyto_box_N crops, conversation.json) into
 * `dir` and returns its manifest lines. Texts are checked for identifiers and, when de-identifying, redacted.
 */
export async function writeCase(dir: string, c: ExportCase, src: PixelSource, naming: CaseNaming, opts: CaseOptions): Promise<WrittenCase> {
  await mkdir(dir, { recursive: true });
  let redactions = 0;
  const clean = (texts: Record<string, string>): Record<string, string> => {
    if (!opts.deidentify) return { ...texts };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(texts)) {
      const spans = detectIdentifiers(v, opts.names);
      redactions += spans.length;
      out[k] = spans.length ? redact(v, spans) : v;
    }
    return out;
  };

  const writes: Array<() => Promise<void>> = [];
  /** Queues the crop's writing and returns what its pixels will be. */
  const image = (name: string, box: Box, magnification: number) => {
    writes.push(async () => {
      throwIfCancelled(opts.signal);
      await writeFile(join(dir, name), await cropJpeg(src, box, magnification, opts.maxCropSide));
      opts.onImage();
    });
    const s = cropScale(src, box, magnification, opts.maxCropSide);
    return { imageWidth: s.width, imageHeight: s.height, imageMagnification: s.magnification, imageMpp: s.mpp };
  };

  const lines: ManifestLine[] = [];
  const conversationRegions: ConversationRegion[] = [];
  const drawn: DrawnBox[] = [];
  let highPowerCrops = 0;
  const folder = `cases/${naming.folder}`;
  c.regions.forEach((it: ExportItem, i) => {
    const n = i + 1;
    const box = boxOf(it.row)!;
    const magnification = it.row.magnification ?? 10;
    const kind = it.row.kind === 'peek' ? 'peek' : 'inspect';
    const looks = highPowerOf(it.row);
    const cytoIds = looks.map((_, k) => (k === 0 ? `cyto_box_${n}` : `cyto_box_${n}_${k + 1}`));
    const before = redactions;
    const text = clean(JSON.parse(it.review.final) as Record<string, string>);
    const reviewer = naming.reviewer(it.review.reviewer_id, it.review.reviewer_name);
    const common: Omit<
      ManifestLine,
      'region' | 'kind' | 'box' | 'magnification' | 'image' | 'imageWidth' | 'imageHeight' | 'imageMagnification' | 'imageMpp' | 'parent' | 'children' | 'durationMs' | 'visits' | 'startMs' | 'text'
    > = {
      format: DATASET_FORMAT,
      version: DATASET_VERSION,
      case: naming.case,
      slide: naming.slide,
      slideSha256: c.slideSha256,
      folder,
      source: it.row.source === 'model' ? ('model' as const) : ('behavior' as const),
      model:
        it.row.model_name === null ? null : { name: it.row.model_name, version: it.row.model_version ?? '', score: it.row.score, confidence: it.row.confidence, abstain: it.row.abstain === 1 },
      reviewer,
      decision: it.review.decision,
      mode: it.review.mode,
      timings: { elapsedMs: it.review.elapsed_ms, keystrokes: JSON.parse(it.review.keystrokes) as Record<string, number> },
      editDistance: JSON.parse(it.review.edit_distance) as Record<string, number>,
      draft: it.review.backend === null ? null : { backend: it.review.backend, backendVersion: it.review.backend_version ?? '', modelName: it.review.model_name ?? '', modelVersion: it.review.model_version ?? '' },
      redactions: 0,
    };
    const written = image(`box_${n}.jpeg`, box, magnification);
    drawn.push({ box, label: String(n), colour: kind === 'peek' ? BOX_COLOURS.peek : BOX_COLOURS.inspect });
    lines.push({
      ...common,
      region: `box_${n}`,
      kind,
      box,
      magnification,
      image: `${folder}/box_${n}.jpeg`,
      ...written,
      parent: null,
      children: cytoIds,
      durationMs: it.row.duration_ms,
      visits: it.row.visits,
      startMs: it.row.start_ms,
      text,
      redactions: 0,
    });
    const lookImages = looks.map((look, k) => image(`${cytoIds[k]}.jpeg`, look.box, look.magnification));
    looks.forEach((look, k) => {
      highPowerCrops++;
      drawn.push({ box: look.box, label: '', colour: BOX_COLOURS.peek });
      lines.push({
        ...common,
        region: cytoIds[k],
        kind: 'peek',
        box: look.box,
        magnification: look.magnification,
        image: `${folder}/${cytoIds[k]}.jpeg`,
        ...lookImages[k],
        parent: `box_${n}`,
        children: [],
        durationMs: look.durationMs,
        visits: look.visits,
        startMs: look.startMs,
        text: text.highPower === undefined ? {} : { highPower: text.highPower },
      });
    });
    const own = lines.filter((l) => l.region === `box_${n}` || l.parent === `box_${n}`);
    own[0].redactions = redactions - before;
    if (it.review.decision !== 'reject') {
      conversationRegions.push({
        number: n,
        kind,
        box,
        magnification,
        image: `box_${n}.jpeg`,
        imageMagnification: written.imageMagnification,
        imageMpp: written.imageMpp,
        highPower: looks.map((l, k) => ({ magnification: l.magnification, image: `${cytoIds[k]}.jpeg`, imageMagnification: lookImages[k].imageMagnification, imageMpp: lookImages[k].imageMpp })),
        why: text.why ?? '',
        findings: kind === 'inspect' ? (text.findings ?? null) : null,
        highPowerFindings: text.highPower ?? null,
      });
    }
  });

  throwIfCancelled(opts.signal);
  // The thumbnail is made while the crops are: alone, its resizing and encoding would leave a core idle.
  const thumbnail = (async () => {
    const t = await readThumbnail(src, THUMBNAIL_SIDE);
    await writeFile(join(dir, 'thumbnail.jpeg'), await encodeJpeg(t.image));
    await writeFile(join(dir, 'thumbnail_with_boxes.jpeg'), await thumbnailWithBoxes(t, drawn));
    opts.onImage();
    opts.onImage();
    return t;
  })();
  // Both settle before a failure is reported, so nothing is still writing into the folder its caller then removes.
  const [made, crops] = await Promise.allSettled([thumbnail, inParallel(writes, 4)]);
  if (made.status === 'rejected') throw made.reason;
  if (crops.status === 'rejected') throw crops.reason;
  throwIfCancelled(opts.signal);
  const thumb = made.value;

  const impression = c.impression ? (clean(JSON.parse(c.impression.review.final) as Record<string, string>).impression ?? '').trim() : '';
  const conversation = conversationRegions.length > 0;
  if (conversation) {
    await writeFile(join(dir, 'conversation.json'), `${JSON.stringify(buildConversation(impression || null, conversationRegions), null, 2)}\n`);
  }
  return {
    lines,
    coco: {
      thumbnail: `${folder}/thumbnail.jpeg`,
      thumbnailWidth: thumb.image.width,
      thumbnailHeight: thumb.image.height,
      slide: naming.slide,
      slideWidth: src.width,
      slideHeight: src.height,
    },
    images: writes.length + 2,
    highPowerCrops,
    redactions,
    impression: conversation && impression !== '',
    conversation,
  };
}
