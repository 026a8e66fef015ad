// A small XML reader for annotation files: elements and attributes with their line numbers (so errors can say where),
// comments, processing instructions, CDATA and a DOCTYPE skipped, the five named entities and numeric character
// references decoded. Text content is not kept (annotation formats carry everything in attributes). No external
// entities are ever resolved.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  line: number;
  column: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
/** Shared by every element without children until it gets one (most elements of an annotation file are leaves). */
const NO_CHILDREN: XmlElement[] = [];
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Cursor {
  private lineStarts: number[] | null = null;
  /** Line and its start offset at `scanned`, advanced as the reader moves forward (no search per element). */
  private line = 1;
  lineStart = 0;
  private scanned = 0;
  constructor(readonly text: string) {}

  /** Line of an offset at or after the last one asked for; its column is then `offset - lineStart + 1`. */
  forward(offset: number): number {
    for (let i = this.text.indexOf('\n', this.scanned); i !== -1 && i < offset; i = this.text.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = i + 1;
    }
    this.scanned = offset;
    return this.line;
  }

  where(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const s = this.lineStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - s[lo] + 1 };
  }

  fail(reason: string, offset: number): never {
    const { line, column } = this.where(offset);
    throw new XmlSyntaxError(reason, line, column);
  }
}

function decode(c: Cursor, raw: string, offset: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (m, body: string, at: number) => {
    if (!m.endsWith(';')) c.fail(`"&" must start an entity such as &amp; (found "${m.slice(0, 12)}")`, offset + at);
    if (body.startsWith('#x') || body.startsWith('#X')) {
      const cp = parseInt(body.slice(2), 16);
      if (!/^[0-9a-fA-F]+$/.test(body.slice(2)) || cp > 0x10ffff) c.fail(`"${m}" is not a character reference`, offset + at);
      return String.fromCodePoint(cp);
    }
    if (body.startsWith('#')) {
      const cp = Number(body.slice(1));
      if (!/^[0-9]+$/.test(body.slice(1)) || cp > 0x10ffff) c.fail(`"${m}" is not a character reference`, offset + at);
      return String.fromCodePoint(cp);
    }
    const v = ENTITIES[body];
    if (v === undefined) c.fail(`unknown entity "${m}" (only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed)`, offset + at);
    return v;
  });
}

function skipSpace(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  return i;
}

function readName(c: Cursor, i: number, what: string): string {
  NAME.lastIndex = i;
  const m = NAME.exec(c.text);
  if (!m) c.fail(`expected ${what}`, i);
  return m[0];
}

/** Parses a whole document and returns its root element; throws XmlSyntaxError with the line and column. */
export function parseXml(input: string): XmlElement {
  const text = input.replace(/^\uFEFF/, '');
  const c: Cursor = new Cursor(text);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const chunk = text.slice(i, textEnd);
      if (stack.length === 0 && chunk.trim() !== '') c.fail(root ? 'text after the root element' : 'text before the root element (is this an XML file?)', i + chunk.search(/\S/));
      if (chunk.includes('&')) decode(c, chunk, i);
    }
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) c.fail('a processing instruction "<?" is never closed with "?>"', i);
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) c.fail('a comment "<!--" is never closed with "-->"', i);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) c.fail('CDATA outside the root element', i);
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) c.fail('a CDATA section is never closed with "]]>"', i);
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (root || stack.length) c.fail('a DOCTYPE must come before the root element', i);
      let j = i + 9;
      let depth = 0;
      for (; j < n; j++) {
        const ch = text[j];
        if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      if (j >= n) c.fail('a DOCTYPE is never closed', i);
      i = j + 1;
    } else if (text.startsWith('</', i)) {
      const name = readName(c, i + 2, 'an element name after "</"');
      const j = skipSpace(text, i + 2 + name.length);
      if (text[j] !== '>') c.fail(`expected ">" to end </${name}>`, j);
      const open = stack.pop();
      if (!open) c.fail(`</${name}> closes an element that was never opened`, i);
      if (open.name !== name) c.fail(`</${name}> does not match <${open.name}> opened on line ${open.line}`, i);
      i = j + 1;
    } else {
      if (root && stack.length === 0) c.fail('a second root element (an XML file has exactly one)', i);
      const name = readName(c, i + 1, 'an element name after "<"');
      const line = c.forward(i);
      const el: XmlElement = { name, attrs: {}, children: NO_CHILDREN, line, column: i - c.lineStart + 1 };
      let j = i + 1 + name.length;
      for (;;) {
        const k = skipSpace(text, j);
        if (k >= n) c.fail(`the file ends inside the tag <${name}> (truncated?)`, i);
        if (text[k] === '>' || text.startsWith('/>', k)) {
          j = k;
          break;
        }
        if (k === j) c.fail(`expected a space, ">" or "/>" in <${name}>`, k);
        const attr = readName(c, k, `an attribute name, ">" or "/>" in <${name}>`);
        let m = skipSpace(text, k + attr.length);
        if (text[m] !== '=') c.fail(`attribute ${attr} of <${name}> needs ="value"`, m);
        m = skipSpace(text, m + 1);
        const quote = text[m];
        if (quote !== '"' && quote !== "'") c.fail(`the value of attribute ${attr} of <${name}> must be in quotes`, m);
        const close = text.indexOf(quote, m + 1);
        if (close === -1) c.fail(`the value of attribute ${attr} of <${name}> is never closed (truncated?)`, m);
        const raw = text.slice(m + 1, close);
        if (raw.includes('<')) c.fail(`"<" inside the value of attribute ${attr} of <${name}>`, m + 1 + raw.indexOf('<'));
        if (Object.prototype.hasOwnProperty.call(el.attrs, attr)) c.fail(`<${name}> has the attribute ${attr} twice`, k);
        el.attrs[attr] = decode(c, raw, m + 1);
        j = close + 1;
      }
      const parent = stack[stack.length - 1];
      if (parent) {
        if (parent.children === NO_CHILDREN) parent.children = [];
        parent.children.push(el);
      } else root = el;
      if (text[j] === '>') {
        stack.push(el);
        i = j + 1;
      } else i = j + 2;
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    throw new XmlSyntaxError(`the file ends before <${open.name}> (opened here) is closed: it is truncated or malformed`, open.line, open.column);
  }
  if (!root) {
    const { line, column } = c.where(n);
    throw new XmlSyntaxError(text.trim() === '' ? 'the file is empty' : 'there is no XML element in the file', line, column);
  }
  return root;
}

/** Escapes a value for a double-quoted attribute (line breaks and tabs kept as character references). */
export function escapeAttribute(v: string): string {
  return v.replace(/[&<>"\n\r\t]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[ch] as string);
}
