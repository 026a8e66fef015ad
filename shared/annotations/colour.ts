/** Colours are stored as lower-case "#rrggbb". */
export const COLOUR_PATTERN = /^#[0-9a-f]{6}$/;

/** Colours given to new classes that arrive without one, in turn (distinct on both light and dark tissue). */
export const CLASS_PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#9a6324', '#800000'];

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

export function rgbToHex(r: number, g: number, b: number): string {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
}

export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

const byte = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;

/**
 * Any of the colour spellings annotation files use, as "#rrggbb"; null when it is not a colour:
 * "#rrggbb" / "#rgb" / "#aarrggbb" (either case), [r, g, b] or [r, g, b, a] with 0–255 integers (QuPath), or a packed
 * 32-bit integer 0xAARRGGBB, possibly negative (QuPath's colorRGB, Java's signed int).
 */
export function parseColour(value: unknown): string | null {
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (/^#[0-9a-f]{6}$/.test(s)) return s;
    if (/^#[0-9a-f]{3}$/.test(s)) return `#${s[1]}${s[1]}${s[2]}${s[2]}${s[3]}${s[3]}`;
    if (/^#[0-9a-f]{8}$/.test(s)) return `#${s.slice(3)}`;
    return null;
  }
  if (Array.isArray(value) && (value.length === 3 || value.length === 4) && value.slice(0, 3).every(byte)) {
    return rgbToHex(value[0] as number, value[1] as number, value[2] as number);
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= -0x80000000 && value <= 0xffffffff) {
    const v = value >>> 0;
    return rgbToHex((v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  }
  return null;
}
