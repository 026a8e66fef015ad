/** The few facts Sightline takes from OME-XML, found with tolerant patterns (no XML parser needed for them). */
export interface OmeFacts {
  mppX: number | null;
  mppY: number | null;
  objectivePower: number | null;
  /** Image names in document order. */
  imageNames: string[];
}

const UNIT_TO_MICRONS: Record<string, number> = { 'µm': 1, 'um': 1, 'μm': 1, 'nm': 0.001, 'mm': 1000, 'cm': 10_000, 'm': 1e6 };

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m?.[1];
}

function physical(pixels: string, axis: 'X' | 'Y'): number | null {
  const v = Number(attr(pixels, `PhysicalSize${axis}`));
  if (!Number.isFinite(v) || v <= 0) return null;
  const unit = attr(pixels, `PhysicalSize${axis}Unit`) ?? 'µm';
  const f = UNIT_TO_MICRONS[unit];
  return f ? v * f : null;
}

export function parseOmeXml(xml: string): OmeFacts {
  const pixels = /<(?:\w+:)?Pixels\b[^>]*>/.exec(xml)?.[0] ?? '';
  const objective = /<(?:\w+:)?Objective\b[^>]*>/.exec(xml)?.[0] ?? '';
  const mag = Number(attr(objective, 'NominalMagnification'));
  const imageNames = [...xml.matchAll(/<(?:\w+:)?Image\b[^>]*>/g)].map((m) => attr(m[0], 'Name') ?? '');
  return { mppX: physical(pixels, 'X'), mppY: physical(pixels, 'Y'), objectivePower: Number.isFinite(mag) && mag > 0 ? mag : null, imageNames };
}
