import type { Decision, ReviewMode } from './stats';

/** Version of the exported layout and of the JSON Schema in schemas/ that describes it. */
export const DATASET_FORMAT = 'sightline-pathology-cot';
export const DATASET_VERSION = '1.1.0';

export type Box = [number, number, number, number];

export interface ContentText {
  type: 'text';
  text: string;
}
export interface ContentImage {
  type: 'image';
  /** Path of the image relative to the case folder. */
  image: string;
}
export interface Turn {
  role: 'user' | 'assistant' | 'system';
  content: Array<ContentText | ContentImage>;
}

export interface DraftProvenance {
  backend: string;
  backendVersion: string;
  modelName: string;
  modelVersion: string;
}

/** One line of manifest.jsonl: one region box of one case. Paths are relative to the export folder. */
export interface ManifestLine {
  format: typeof DATASET_FORMAT;
  version: typeof DATASET_VERSION;
  case: string;
  slide: string;
  slideSha256: string;
  /** The case folder, e.g. "cases/slide-3f9a0c2e71b4". */
  folder: string;
  /** "box_N" for a region at its inspect magnification, "cyto_box_N" (or "cyto_box_N_2", …) for a peek inside it. */
  region: string;
  kind: 'inspect' | 'peek';
  box: Box;
  /** The magnification the region was examined at (the recording's bin, or the model's). */
  magnification: number;
  image: string;
  /** The written image's size in pixels. */
  imageWidth: number;
  imageHeight: number;
  /**
   * The magnification of the written pixels: `magnification`, unless the export shrank the crop to its maximum side
   * or the slide has no pixels that fine (a 40× look on a 20× slide is written at 20×).
   */
  imageMagnification: number;
  /** Micrometres per pixel of the written image; null when the slide does not state its pixel size. */
  imageMpp: number | null;
  parent: string | null;
  children: string[];
  durationMs: number | null;
  visits: number | null;
  startMs: number | null;
  source: 'behavior' | 'model';
  model: { name: string; version: string; score: number | null; confidence: number | null; abstain: boolean } | null;
  reviewer: string;
  decision: Decision;
  mode: ReviewMode;
  timings: { elapsedMs: number; keystrokes: Record<string, number> };
  editDistance: Record<string, number>;
  draft: DraftProvenance | null;
  text: Record<string, string>;
  /** Identifiers found in the reviewed text and replaced by "[removed]" on export. */
  redactions: number;
}

/** A region of a case as the conversation shows it (a box_N with its high-power crops). */
export interface ConversationRegion {
  number: number;
  kind: 'inspect' | 'peek';
  box: Box;
  magnification: number;
  image: string;
  /** The magnification and µm per pixel of the written image (stated in the conversation when below `magnification`). */
  imageMagnification?: number;
  imageMpp?: number | null;
  highPower: Array<{ magnification: number; image: string; imageMagnification?: number; imageMpp?: number | null }>;
  why: string;
  findings: string | null;
  highPowerFindings: string | null;
}

const IMPRESSION_PROMPT = 'This is a low-power thumbnail of a whole-slide image. What is your first impression?';
const WHERE_PROMPT =
  'Which regions would you examine at higher magnification, and why? Give each region as a box [x0, y0, x1, y1] in level-0 pixels of the slide, with the magnification you would use.';

/**
 * Says at what magnification the image really is when that is below the one it is described at (the export was
 * asked to shrink crops, or the slide has no finer pixels).
 */
function shrunk(described: number, written: number | undefined, mpp: number | null | undefined): string {
  if (written === undefined || written >= described * 0.995) return '';
  return ` (the image is at ${mag(written)}${mpp ? `, ${Number(mpp.toPrecision(3))} µm per pixel` : ''})`;
}

const boxText = (b: Box) => `[${b.map((v) => Math.round(v)).join(', ')}]`;
const mag = (m: number) => `${Number.isInteger(m) ? m : Number(m.toFixed(2))}×`;

/**
 * The Pathology-CoT conversation of one case: the user asks for an impression of the thumbnail, the assistant gives
 * it; the user asks where to look and why, the assistant answers with coordinates; then for each region a system
 * turn carries its images and the assistant gives its findings. Without an accepted impression the conversation
 * opens with the where-to-look question, thumbnail attached.
 */
export function buildConversation(impression: string | null, regions: readonly ConversationRegion[], thumbnail = 'thumbnail.jpeg'): Turn[] {
  const turns: Turn[] = [];
  if (impression !== null) {
    turns.push({ role: 'user', content: [{ type: 'image', image: thumbnail }, { type: 'text', text: IMPRESSION_PROMPT }] });
    turns.push({ role: 'assistant', content: [{ type: 'text', text: impression }] });
    turns.push({ role: 'user', content: [{ type: 'text', text: WHERE_PROMPT }] });
  } else {
    turns.push({ role: 'user', content: [{ type: 'image', image: thumbnail }, { type: 'text', text: WHERE_PROMPT }] });
  }
  const plan = regions.map((r) => `${r.number}. ${boxText(r.box)} at ${mag(r.magnification)}: ${r.why}`).join('\n');
  turns.push({ role: 'assistant', content: [{ type: 'text', text: `I would examine ${regions.length} region${regions.length === 1 ? '' : 's'}:\n${plan}` }] });
  for (const r of regions) {
    const content: Turn['content'] = [
      { type: 'text', text: `Region ${r.number} ${boxText(r.box)} at ${mag(r.magnification)}${shrunk(r.magnification, r.imageMagnification, r.imageMpp)}.` },
      { type: 'image', image: r.image },
    ];
    for (const hp of r.highPower) {
      content.push({ type: 'text', text: `High-power view at ${mag(hp.magnification)}${shrunk(hp.magnification, hp.imageMagnification, hp.imageMpp)}.` }, { type: 'image', image: hp.image });
    }
    turns.push({ role: 'system', content });
    const findings: string[] = [];
    if (r.findings) findings.push(`Findings at ${mag(r.magnification)}: ${r.findings}`);
    if (r.highPowerFindings) findings.push(`Findings at high power: ${r.highPowerFindings}`);
    turns.push({ role: 'assistant', content: [{ type: 'text', text: findings.join('\n\n') || r.why }] });
  }
  return turns;
}
