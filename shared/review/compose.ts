import type { Box } from './dataset';
import type { FieldTexts } from './fields';
import type { StainMeasure } from './measure';

/** Bumped whenever the wording below changes; stored with every built-in draft as its model version. */
export const TEMPLATE_VERSION = 'templates-1';

export interface ModelFacts {
  name: string;
  version: string;
  score: number | null;
  confidence: number | null;
  abstain: boolean;
}

export interface HighPowerFacts {
  magnification: number;
  measure: StainMeasure;
  dwellMs: number | null;
}

/** Everything the built-in backend knows about a region when it writes its draft. */
export interface RegionFacts {
  kind: 'inspect' | 'peek';
  source: 'behavior' | 'model';
  magnification: number;
  box: Box;
  /** Box size in micrometres when the slide's pixel size is known. */
  sizeUm: { w: number; h: number } | null;
  dwellMs: number | null;
  visits: number | null;
  /** Where this region's dwell ranks among the slide's regions (1 = longest; tied when another is as long). */
  dwellRank: { rank: number; of: number; tied: boolean } | null;
  model: ModelFacts | null;
  region: StainMeasure;
  /** The whole slide (from its thumbnail), to compare the region with. */
  slide: StainMeasure | null;
  highPower: HighPowerFacts[];
}

export interface ImpressionFacts {
  slide: StainMeasure;
  sizeMm: { w: number; h: number } | null;
  inspects: number;
  peeks: number;
  proposals: number;
  totalDwellMs: number;
  magnifications: number[];
}

export function formatMagnification(m: number): string {
  return `${Number.isInteger(m) ? m : m.toFixed(2).replace(/0+$/, '')}×`;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(s < 10 ? 1 : 0)} s`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function tissueWords(f: number): string {
  if (f < 0.05) return 'almost no tissue';
  if (f < 0.3) return 'sparse tissue';
  if (f < 0.7) return 'partly tissue';
  return 'mostly tissue';
}

function haematoxylinWords(od: number): string {
  if (od < 0.1) return 'pale haematoxylin (nuclear) staining';
  if (od < 0.25) return 'moderate haematoxylin (nuclear) staining';
  return 'dense haematoxylin (nuclear) staining';
}

function dabWords(pos: number): string {
  if (pos < 0.05) return 'no appreciable DAB (brown) staining';
  if (pos < 0.25) return 'focal DAB (brown) staining';
  if (pos < 0.6) return 'patchy DAB (brown) staining';
  return 'diffuse DAB (brown) staining';
}

function textureWords(t: number): string {
  if (t < 0.08) return 'homogeneous';
  if (t < 0.16) return 'moderately heterogeneous';
  return 'heterogeneous';
}

/** "higher than" / "lower than" / "similar to" the slide, for a ratio of region to slide. */
function comparedWith(region: number, slide: number, what: string): string | null {
  if (slide <= 0) return null;
  const r = region / slide;
  if (r >= 1.25) return `${what} ${r >= 2 ? 'much ' : ''}higher than the slide overall`;
  if (r <= 0.8) return `${what} lower than the slide overall`;
  return null;
}

function measureSentence(m: StainMeasure): string {
  return (
    `About ${pct(m.tissueFraction)} of the field is tissue, with ${haematoxylinWords(m.haematoxylinOd)} ` +
    `(mean optical density ${m.haematoxylinOd.toFixed(2)}) and ${dabWords(m.dabPositiveFraction)} ` +
    `(${pct(m.dabPositiveFraction)} of the tissue DAB-positive); the texture is ${textureWords(m.texture)}.`
  );
}

// Nuclear density is left out: the thumbnail is too coarse for the nuclear detectors, so it would always compare low.
function comparisons(region: StainMeasure, slide: StainMeasure | null): string[] {
  if (!slide) return [];
  return [
    comparedWith(region.dabPositiveFraction, slide.dabPositiveFraction, 'DAB positivity'),
    comparedWith(region.haematoxylinOd, slide.haematoxylinOd, 'haematoxylin density'),
  ].filter((x): x is string => x !== null);
}

function whyText(f: RegionFacts): string {
  const parts: string[] = [];
  const where = `[${f.box.map((v) => Math.round(v)).join(', ')}]`;
  if (f.source === 'model' && f.model) {
    const score = f.model.score === null ? '' : ` with score ${f.model.score.toFixed(2)}`;
    const conf = f.model.confidence === null ? '' : `, confidence ${f.model.confidence.toFixed(2)}`;
    parts.push(`Proposed by ${f.model.name} ${f.model.version}${score}${conf} at ${where}.`);
    if (f.model.abstain) parts.push('The model stayed uncertain here: it needs an expert look.');
  } else {
    const visits = f.visits && f.visits > 1 ? ` over ${f.visits} visits` : '';
    const dwell = f.dwellMs === null ? '' : ` for ${formatSeconds(f.dwellMs)}${visits}`;
    const verb = f.kind === 'peek' ? 'Checked at high power' : 'Examined';
    parts.push(`${verb} at ${formatMagnification(f.magnification)}${dwell} at ${where}.`);
    if (f.dwellRank && f.dwellRank.of > 1 && f.dwellRank.rank === 1 && !f.dwellRank.tied) parts.push('This is where the reader spent the most time on the slide.');
    else if (f.dwellRank && f.dwellRank.of > 1 && f.dwellRank.rank <= Math.ceil(f.dwellRank.of / 3)) parts.push('Among the longest looks on the slide.');
  }
  const diff = comparisons(f.region, f.slide);
  const size = f.sizeUm ? ` (${Math.round(f.sizeUm.w)} × ${Math.round(f.sizeUm.h)} µm)` : '';
  if (diff.length) parts.push(`The region${size} shows ${diff.join(', ')}.`);
  else parts.push(`The region${size} is ${tissueWords(f.region.tissueFraction)} with ${haematoxylinWords(f.region.haematoxylinOd)}.`);
  if (f.highPower.length) parts.push(`It was followed up at ${formatMagnification(Math.max(...f.highPower.map((h) => h.magnification)))}.`);
  return parts.join(' ');
}

function highPowerText(hp: HighPowerFacts[]): string {
  return hp
    .map((h) => {
      const dwell = h.dwellMs === null ? '' : ` (${formatSeconds(h.dwellMs)})`;
      return `At ${formatMagnification(h.magnification)}${dwell}: ${measureSentence(h.measure)} Nuclear-density proxy: ${h.measure.nuclearDensity.toFixed(3)}.`;
    })
    .join('\n');
}

/** The built-in draft of a region, composed only from measured facts. */
export function composeRegion(f: RegionFacts): FieldTexts {
  const why = whyText(f);
  if (f.kind === 'peek') {
    return { why, highPower: highPowerText([{ magnification: f.magnification, measure: f.region, dwellMs: f.dwellMs }]) };
  }
  const out: FieldTexts = { why, findings: `At ${formatMagnification(f.magnification)}: ${measureSentence(f.region)}` };
  if (f.highPower.length) out.highPower = highPowerText(f.highPower);
  return out;
}

/** The built-in first impression of a slide, from its thumbnail and what was looked at. */
export function composeImpression(f: ImpressionFacts): FieldTexts {
  const size = f.sizeMm ? ` on a ${f.sizeMm.w.toFixed(1)} × ${f.sizeMm.h.toFixed(1)} mm slide` : '';
  const parts = [
    `Low-power view${size}: ${tissueWords(f.slide.tissueFraction)} (${pct(f.slide.tissueFraction)} of the thumbnail), ` +
      `${haematoxylinWords(f.slide.haematoxylinOd)} and ${dabWords(f.slide.dabPositiveFraction)} (${pct(f.slide.dabPositiveFraction)} of the tissue).`,
  ];
  const looked: string[] = [];
  if (f.inspects) looked.push(`${f.inspects} region${f.inspects === 1 ? ' was' : 's were'} inspected`);
  if (f.peeks) looked.push(`${f.peeks} checked at high power`);
  if (f.proposals) looked.push(`${f.proposals} proposed by a model`);
  if (looked.length) {
    const mags = f.magnifications.length ? ` (${[...new Set(f.magnifications)].sort((a, b) => a - b).map(formatMagnification).join(', ')})` : '';
    const dwell = f.totalDwellMs > 0 ? `, ${formatSeconds(f.totalDwellMs)} in all` : '';
    const list = looked.length > 1 ? `${looked.slice(0, -1).join(', ')} and ${looked.at(-1)}` : looked[0];
    parts.push(`${list[0].toUpperCase()}${list.slice(1)}${mags}${dwell}.`);
  }
  return { impression: parts.join(' ') };
}
