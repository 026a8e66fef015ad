// A small, strict XML reader for checking exported documents in tests: elements, attributes, text.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const decode = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_a, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

export function parseXml(src: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`XML error at ${i}: ${msg}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (/\s/.test(src[i] ?? '')) i++;
      if (src.startsWith('<?', i)) i = src.indexOf('?>', i) + 2;
      else if (src.startsWith('<!--', i)) i = src.indexOf('-->', i) + 3;
      else return;
    }
  };
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <');
    const m = /^<([A-Za-z_][\w:.-]*)/.exec(src.slice(i));
    if (!m) return fail('bad tag name');
    i += m[0].length;
    const el: XmlElement = { name: m[1], attrs: {}, children: [], text: '' };
    for (;;) {
      while (/\s/.test(src[i])) i++;
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      const a = /^([A-Za-z_][\w:.-]*)\s*=\s*"([^"<]*)"/.exec(src.slice(i));
      if (!a) fail(`bad attribute in <${el.name}>`);
      else {
        if (a[1] in el.attrs) fail(`duplicate attribute ${a[1]}`);
        el.attrs[a[1]] = decode(a[2]);
        i += a[0].length;
      }
    }
    for (;;) {
      if (src.startsWith('</', i)) {
        const close = `</${el.name}>`;
        if (!src.startsWith(close, i)) fail(`expected ${close}`);
        i += close.length;
        return el;
      }
      if (src.startsWith('<!--', i)) {
        i = src.indexOf('-->', i) + 3;
        continue;
      }
      if (src[i] === '<') el.children.push(element());
      else {
        const next = src.indexOf('<', i);
        if (next < 0) fail(`unclosed <${el.name}>`);
        const raw = src.slice(i, next);
        if (/&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(raw)) fail('unescaped &');
        el.text += decode(raw);
        i = next;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i < src.length) fail('content after the root element');
  return root;
}

export const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
