import { describe, expect, it } from 'vitest';
import {
  formatLineErrors,
  NavigationEvent,
  NavigationParser,
  parseNavigationJsonl,
  serializeNavigationJsonl,
  type NavigationSession,
  viewportEvent,
} from '../../../shared/navigation';

const HEADER = '{"type":"slide","id":"s1","width":98304,"height":65536,"mpp":0.25,"objectivePower":40}';
const VIEW = '{"type":"viewport","t":0,"cx":49152,"cy":32768,"x0":0,"y0":0,"x1":98304,"y1":65536,"zoom":0.0195,"rotation":0,"dpr":1,"cw":1920,"ch":1080}';

/** A header and nine valid events: ten lines. */
function tenValidLines(): string[] {
  return [
    HEADER,
    VIEW,
    '{"type":"cursor","t":120,"x":50110,"y":30001}',
    '{"type":"blur","t":5000}',
    '{"type":"focus","t":9000}',
    '{"type":"hidden","t":9500}',
    '{"type":"visible","t":9600}',
    '{"type":"idle","t":70000}',
    '{"type":"active","t":80000}',
    '{"type":"hotkey","t":80100,"key":"4","magnification":40}',
  ];
}

function errorsOf(text: string) {
  const result = parseNavigationJsonl(text);
  if (result.ok) throw new Error('expected the stream to be rejected');
  return result.errors;
}

/** The stream with `line` put at 1-based line `at` (default: appended). */
function withLine(line: string, at?: number): string {
  const lines = tenValidLines();
  if (at === undefined) lines.push(line);
  else lines.splice(at - 1, 0, line);
  return lines.join('\n');
}

describe('parsing a valid stream', () => {
  it('parses the example of docs/behavior.md', () => {
    const example = [
      '{"type":"slide","id":"3f9a","width":98304,"height":65536,"mpp":0.25,"objectivePower":40}',
      '{"type":"viewport","t":0,"cx":49152,"cy":32768,"x0":0,"y0":0,"x1":98304,"y1":65536,"zoom":0.0195,"rotation":0,"dpr":1,"cw":1920,"ch":1080}',
      '{"type":"cursor","t":120,"x":50110,"y":30001}',
      '{"type":"hotkey","t":2400,"key":"4","magnification":40}',
      '{"type":"viewport","t":2410,"cx":50110,"cy":30001,"x0":49150,"y0":29461,"x1":51070,"y1":30541,"zoom":1,"rotation":0,"dpr":1,"cw":1920,"ch":1080}',
      '{"type":"blur","t":5000}',
      '{"type":"focus","t":9000}',
      '{"type":"idle","t":70000}',
      '{"type":"active","t":80000}',
      '{"type":"annotation","t":81000,"action":"create","annotationId":"a1","geometry":{"kind":"rect","x0":50000,"y0":29900,"x1":50400,"y1":30200},"label":"mitosis"}',
      '{"type":"end","t":95000}',
    ].join('\n');
    const result = parseNavigationJsonl(example);
    expect(result.ok && result.session.events.length).toBe(10);
  });

  it('reads the header and every event type', () => {
    const text = [
      ...tenValidLines(),
      '{"type":"annotation","t":80200,"action":"create","annotationId":"a1","geometry":{"kind":"rect","x0":1,"y0":2,"x1":30,"y1":40},"label":"mitosis"}',
      '{"type":"annotation","t":80300,"action":"update","annotationId":"a1","geometry":{"kind":"polygon","points":[[0,0],[10,0],[5,8]]}}',
      '{"type":"annotation","t":80400,"action":"delete","annotationId":"a1"}',
      '{"type":"annotation","t":80500,"action":"create","annotationId":"a2","geometry":{"kind":"line","points":[[0,0],[40,30]]},"label":"ruler"}',
      '{"type":"annotation","t":80600,"action":"create","annotationId":"a3","geometry":{"kind":"ellipse","cx":50,"cy":60,"rx":20,"ry":10,"rotation":30}}',
      '{"type":"annotation","t":80700,"action":"update","annotationId":"a4","geometry":{"kind":"multipolygon","polygons":[{"points":[[0,0],[90,0],[0,90]],"holes":[[[5,5],[20,5],[5,20]]]},{"points":[[100,0],[190,0],[100,90]]}]}}',
      '{"type":"annotation","t":80800,"action":"create","annotationId":"a5","geometry":{"kind":"multipoint","points":[[1,1],[2,2]]}}',
      '{"type":"annotation","t":80900,"action":"import","annotationId":"20-29,31","geometry":{"kind":"rect","x0":0,"y0":0,"x1":500,"y1":400},"label":"tumour.geojson"}',
      '{"type":"end","t":90000}',
    ].join('\n');
    const result = parseNavigationJsonl(`${text}\n`);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.session.slide).toEqual({ type: 'slide', id: 's1', width: 98304, height: 65536, mpp: 0.25, objectivePower: 40 });
    expect(result.session.events.map((e) => e.type)).toEqual(['viewport', 'cursor', 'blur', 'focus', 'hidden', 'visible', 'idle', 'active', 'hotkey', ...Array(8).fill('annotation'), 'end']);
    expect(serializeNavigationJsonl(result.session)).toBe(`${text}\n`);
    expect(result.session.events[0]).toMatchObject({ zoom: 0.0195, cw: 1920, ch: 1080 });
  });

  it('round-trips through the serializer', () => {
    const session: NavigationSession = {
      slide: { type: 'slide', id: 'x', width: 1000, height: 800, mpp: 0.5 },
      events: [viewportEvent({ t: 0, cx: 500, cy: 400, zoom: 0.5, cw: 800, ch: 600, rotation: 30 }), { type: 'cursor', t: 5, x: 1.5, y: -2 }, { type: 'end', t: 10 }],
    };
    const text = serializeNavigationJsonl(session);
    expect(text.split('\n')).toHaveLength(5);
    expect(parseNavigationJsonl(text)).toEqual({ ok: true, session });
  });

  it('tolerates blank lines, CRLF line ends and a byte-order mark', () => {
    const text = `\uFEFF${HEADER}\r\n\r\n${VIEW}\r\n   \r\n`;
    const result = parseNavigationJsonl(text);
    expect(result.ok && result.session.events.length).toBe(1);
  });

  it('accepts events sharing a time', () => {
    const result = parseNavigationJsonl([HEADER, VIEW, '{"type":"cursor","t":0,"x":1,"y":1}'].join('\n'));
    expect(result.ok).toBe(true);
  });

  it('the incremental parser gives the same result as parsing the whole text', () => {
    const parser = new NavigationParser();
    for (const line of tenValidLines()) parser.push(line);
    expect(parser.finish()).toEqual(parseNavigationJsonl(tenValidLines().join('\n')));
  });

  it('the event union schema validates single events', () => {
    expect(NavigationEvent.safeParse({ type: 'cursor', t: 1, x: 2, y: 3 }).success).toBe(true);
    expect(NavigationEvent.safeParse({ type: 'cursor', t: 1, x: 2 }).success).toBe(false);
  });
});

describe('rejecting bad lines, each with its 1-based line number', () => {
  it('ten valid lines and one bad one: the error, and no partial result', () => {
    const result = parseNavigationJsonl(withLine('{"type":"viewport","t":100,"cx":1}', 7));
    expect(result).toEqual({ ok: false, errors: [{ line: 7, message: expect.stringContaining('viewport event') }], errorCount: 1 });
    expect(result).not.toHaveProperty('session');
  });

  it.each([
    ['not JSON', '{"type":"cursor","t":1,', /not valid JSON/],
    ['a JSON array', '[1,2]', /expected a JSON object, got an array/],
    ['a JSON number', '42', /expected a JSON object, got number/],
    ['null', 'null', /expected a JSON object, got null/],
    ['no type', '{"t":1}', /missing "type"/],
    ['an unknown type', '{"type":"scroll","t":1}', /unknown event type "scroll" \(expected one of viewport, cursor/],
    ['a second header', HEADER, /a second slide header/],
    ['a missing field', '{"type":"cursor","t":90000,"x":1}', /^cursor event: missing y$/],
    ['a wrong field type', '{"type":"cursor","t":"soon","x":1,"y":2}', /cursor event: t: .*number/],
    ['a negative time', '{"type":"blur","t":-1}', /blur event: t: /],
    ['a zero zoom', VIEW.replace('"t":0', '"t":90000').replace('"zoom":0.0195', '"zoom":0'), /viewport event: zoom: /],
    ['an empty view', VIEW.replace('"t":0', '"t":90000').replace('"x1":98304', '"x1":0'), /x1 must be greater than x0/],
    ['an unknown key', '{"type":"focus","t":90000,"why":"alt-tab"}', /focus event: .*why/],
    ['a hotkey without its magnification', '{"type":"hotkey","t":90000,"key":"4"}', /^hotkey event: missing magnification$/],
    ['an annotation created without geometry', '{"type":"annotation","t":90000,"action":"create","annotationId":"a"}', /geometry is required/],
    ['a deleted annotation with geometry', '{"type":"annotation","t":90000,"action":"delete","annotationId":"a","geometry":{"kind":"point","x":1,"y":1}}', /not allowed for delete/],
    ['an import not naming its ids as ranges', '{"type":"annotation","t":90000,"action":"import","annotationId":"a1","geometry":{"kind":"point","x":1,"y":1}}', /^annotation event: annotationId: an import lists/],
    ['an unknown geometry kind', '{"type":"annotation","t":90000,"action":"create","annotationId":"a","geometry":{"kind":"circle","x":1,"y":1,"r":2}}', /geometry\.kind/],
    ['a polygon with two points', '{"type":"annotation","t":90000,"action":"create","annotationId":"a","geometry":{"kind":"polygon","points":[[0,0],[1,1]]}}', /geometry\.points/],
    ['a time going backwards', '{"type":"cursor","t":100,"x":1,"y":2}', /time goes backwards: t=100 is before the previous event's t=80100/],
  ])('%s', (_name, line, message) => {
    const errors = errorsOf(withLine(line));
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(11);
    expect(errors[0].message).toMatch(message);
  });

  it('an event after the end', () => {
    const errors = errorsOf(withLine('{"type":"end","t":90000}') + '\n{"type":"cursor","t":90001,"x":1,"y":1}');
    expect(errors).toEqual([{ line: 12, message: "an event after the session's end (line 11)" }]);
  });

  it('a first line that is not the slide header', () => {
    expect(errorsOf([VIEW, HEADER].join('\n'))).toEqual([
      { line: 1, message: 'the first line must be the slide header {"type":"slide",…}, got type "viewport"' },
      { line: 2, message: 'the slide header must be the first line (line 1)' },
    ]);
  });

  it('a header without mpp or objective power, or with a bad size', () => {
    expect(errorsOf('{"type":"slide","id":"s","width":10,"height":10}')).toEqual([{ line: 1, message: expect.stringMatching(/slide header: needs mpp or objectivePower/) }]);
    expect(errorsOf('{"type":"slide","id":"s","width":-10,"height":10.5,"mpp":0.25}')[0].message).toMatch(/slide header: width: .*; height: /);
  });

  it('an empty stream', () => {
    expect(errorsOf('')).toEqual([{ line: 1, message: 'no slide header: the stream is empty' }]);
    expect(errorsOf('\n\n')).toEqual([{ line: 3, message: 'no slide header: the stream is empty' }]);
  });

  it('line numbers count blank lines, and every bad line is reported', () => {
    const text = [HEADER, '', VIEW, 'oops', '', '{"type":"cursor","t":5}'].join('\n');
    expect(errorsOf(text).map((e) => e.line)).toEqual([4, 6]);
  });

  it('keeps at most maxErrors messages but counts them all', () => {
    const text = [HEADER, ...Array.from({ length: 250 }, () => 'x')].join('\n');
    const result = parseNavigationJsonl(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(100);
    expect(result.errorCount).toBe(250);
    expect(formatLineErrors(result, 'e.jsonl').at(-1)).toBe('e.jsonl: … and 150 more invalid lines');
    expect(formatLineErrors(result, 'e.jsonl')[0]).toMatch(/^e\.jsonl:2: not valid JSON/);
  });
});
