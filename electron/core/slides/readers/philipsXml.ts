/**
 * Philips TIFF: the first ImageDescription is an XML document `<DataObject ObjectType="DPUfsImport">` of nested
 * `<Attribute Name="…">` key-value pairs (keys named after DICOM tags). The scanned images (the slide itself, its
 * label and macro) are `DataObject`s in the `PIM_DP_SCANNED_IMAGES` array; the label and macro carry their pixels
 * as Base64 JPEG. Properties are named as OpenSlide names them (`philips.<Name>`, and
 * `philips.PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE[i].<Name>` for each level).
 */
export interface PhilipsFacts {
  properties: Record<string, string>;
  /** µm per pixel of level 0, or null. */
  mpp: { x: number; y: number } | null;
  objectivePower: number | null;
  /** µm per pixel of each level the slide describes, in document order (the file's levels, largest first). */
  levelSpacings: Array<{ x: number; y: number }>;
  /** Base64 JPEG of the label and macro images, when the document has them. */
  label: string | null;
  macro: string | null;
}

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

/** Attributes that identify the slide or the patient: never made properties (the panel shows every property). */
const IDENTIFYING = new Set(['PIM_DP_UFS_BARCODE']);
const MAX_VALUE = 4096;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g;

function decode(s: string): string | null {
  if (!s.includes('&')) return s;
  if (s.replace(REFERENCE, '').includes('&')) return null;
  let bad = false;
  const out = s.replace(REFERENCE, (_m, body: string) => {
    const cp = body[0] !== '#' ? -1 : body[1] === 'x' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    const ch = cp < 0 ? ENTITIES[body] : cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
    if (ch === undefined) bad = true;
    return ch ?? '';
  });
  return bad ? null : out;
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
const ATTR = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A well-formed document's root element (text kept), or null for anything malformed. */
function parseTree(xml: string): Node | null {
  const stack: Node[] = [];
  let root: Node | null = null;
  let at = 0;
  const text = (chunk: string): boolean => {
    if (chunk.includes('<')) return false;
    const parent = stack[stack.length - 1];
    if (!parent) return chunk.trim() === '';
    const t = decode(chunk);
    if (t === null) return false;
    parent.text += t;
    return true;
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    if (!text(xml.slice(at, m.index))) return null;
    at = TOKEN.lastIndex;
    const [whole, cdata, closing, name, attrText, selfClosing] = m;
    if (cdata !== undefined) {
      const parent = stack[stack.length - 1];
      if (!parent) return null;
      parent.text += cdata;
      continue;
    }
    if (!name) {
      if (whole.startsWith('<!DOCTYPE') && (root || stack.length)) return null;
      continue;
    }
    if (closing) {
      if (attrText || selfClosing || stack.pop()?.name !== name) return null;
      continue;
    }
    if (root && stack.length === 0) return null;
    const node: Node = { name, attrs: {}, children: [], text: '' };
    for (const a of attrText.matchAll(ATTR)) {
      const v = decode(a[2] ?? a[3]);
      if (v === null) return null;
      node.attrs[a[1]] = v;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    if (!selfClosing) stack.push(node);
  }
  if (!text(xml.slice(at)) || stack.length > 0) return null;
  return root;
}

const children = (n: Node, name: string) => n.children.filter((c) => c.name === name);
const attributes = (n: Node) => children(n, 'Attribute');
const arrayItems = (attr: Node) => children(attr, 'Array').flatMap((a) => children(a, 'DataObject'));
const attrValue = (n: Node, name: string) => attributes(n).find((a) => a.attrs.Name === name)?.text.trim();

/** DICOM pixel spacing: `"row spacing" "column spacing"` in mm; returned as µm per pixel across (x) and down (y). */
export function parsePixelSpacing(value: string | undefined): { x: number; y: number } | null {
  const parts = (value ?? '').replace(/"/g, ' ').trim().split(/\s+/);
  if (parts.length !== 2) return null;
  const [row, col] = parts.map(Number);
  if (!(row > 0 && col > 0 && Number.isFinite(row) && Number.isFinite(col))) return null;
  return { x: col * 1000, y: row * 1000 };
}

/** The objective power from `DICOM_DERIVATION_DESCRIPTION`'s `levels=…` item, when its first entry looks like one. */
function objectivePowerOf(derivation: string | undefined): number | null {
  for (const item of (derivation ?? '').split('-')) {
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    // The quoted file name may contain dashes: nothing after it can be split reliably.
    if (key === 'sourceFilename') break;
    if (key === 'levels') {
      const first = item.slice(eq + 1).split(',')[0];
      const n = /^\d+$/.test(first) ? Number(first) : 0;
      return n > 0 && n <= 200 ? n : null;
    }
  }
  return null;
}

/** The scanner's own file name (often the case's accession number) is left out of what is shown. */
function withoutSourceFilename(derivation: string): string {
  return derivation.replace(/-?sourceFilename=("[^"]*"|\S*)/g, '');
}

/** The facts of a Philips ImageDescription, or null when it is not a well-formed `DPUfsImport` document. */
export function parsePhilipsXml(xml: string): PhilipsFacts | null {
  const root = parseTree(xml.replace(/^\uFEFF/, ''));
  if (!root || root.name !== 'DataObject' || root.attrs.ObjectType !== 'DPUfsImport') return null;
  const properties: Record<string, string> = {};
  const images = attributes(root)
    .filter((a) => a.attrs.Name === 'PIM_DP_SCANNED_IMAGES')
    .flatMap(arrayItems);
  const ofType = (type: string) => images.find((img) => attrValue(img, 'PIM_DP_IMAGE_TYPE') === type);
  const wsi = ofType('WSI');

  const add = (obj: Node, prefix: string) => {
    for (const a of attributes(obj)) {
      const name = a.attrs.Name;
      if (!name || IDENTIFYING.has(name)) continue;
      if (name === 'PIM_DP_SCANNED_IMAGES') {
        if (wsi) add(wsi, prefix);
      } else if (name === 'PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE') {
        arrayItems(a).forEach((item, i) => add(item, `${prefix}.${name}[${i}]`));
      } else if (a.children.length === 0) {
        let v = a.text;
        if (name === 'DICOM_DERIVATION_DESCRIPTION') v = withoutSourceFilename(v);
        properties[`${prefix}.${name}`] = v.length <= MAX_VALUE ? v : `${v.slice(0, MAX_VALUE)}…`;
      }
    }
  };
  add(root, 'philips');

  const representations = wsi
    ? attributes(wsi)
        .filter((a) => a.attrs.Name === 'PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE')
        .flatMap(arrayItems)
        .filter((d) => d.attrs.ObjectType === undefined || d.attrs.ObjectType === 'PixelDataRepresentation')
    : [];
  const spacings = representations.map((r) => parsePixelSpacing(attrValue(r, 'DICOM_PIXEL_SPACING')));
  const levelSpacings = spacings.every((s) => s !== null) ? (spacings as Array<{ x: number; y: number }>) : [];
  const mpp = spacings[0] ?? parsePixelSpacing(properties['philips.DICOM_PIXEL_SPACING']);
  const base64 = (type: string) => {
    const img = ofType(type);
    const data = img ? attrValue(img, 'PIM_DP_IMAGE_DATA')?.replace(/\s+/g, '') : undefined;
    return data && /^[A-Za-z0-9+/]+={0,2}$/.test(data) ? data : null;
  };
  return {
    properties,
    mpp,
    objectivePower: objectivePowerOf((wsi && attrValue(wsi, 'DICOM_DERIVATION_DESCRIPTION')) ?? attrValue(root, 'DICOM_DERIVATION_DESCRIPTION')),
    levelSpacings,
    label: base64('LABELIMAGE'),
    macro: base64('MACROIMAGE'),
  };
}
