/**
 * Aperio's ImageDescription: a header line, then "key = value" pairs separated by "|", e.g.
 * "Aperio Image Library v12.0.15\r\n46000x32914 [0,100 46000x32914] (240x240) JPEG/RGB Q=70|AppMag = 20|MPP = 0.4990".
 */
export function parseAperioDescription(desc: string): Record<string, string> {
  const parts = desc.split('|');
  const props: Record<string, string> = { 'aperio.Header': parts[0].trim() };
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim();
    if (key) props[`aperio.${key}`] = p.slice(eq + 1).trim();
  }
  return props;
}

export function positiveNumber(s: string | undefined): number | null {
  if (s === undefined) return null;
  const n = Number(s);
  return Number.isFinite(n) && n > 0 ? n : null;
}
