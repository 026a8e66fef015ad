import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeNavigationJsonl } from '../../../shared/navigation';
import { Stream } from './streams';

const dir = mkdtempSync(join(tmpdir(), 'sightline-behavior-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sightline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/sightline.mjs', ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// Dwell at 10× on A, peek at 40× inside A, dwell at 5× elsewhere.
const session = new Stream().view(0, 20_000, 20_000, 10).view(3000, 21_000, 20_500, 40).view(5000, 60_000, 60_000, 5).end(8000).session();
const events = file('events.jsonl', serializeNavigationJsonl(session));
const badLines = serializeNavigationJsonl(session).split('\n');
badLines.splice(2, 0, '{"type":"cursor","t":1}');
badLines.splice(4, 0, 'not json');
const bad = file('bad.jsonl', badLines.join('\n'));
const missing = join(dir, 'nope.jsonl');

// The CLI takes a few seconds to start on a busy machine: run every invocation at once.
const runs = {
  json: sightline('behavior', events, '--json'),
  table: sightline('behavior', events),
  config: sightline('behavior', events, '--config', file('thresholds.json', JSON.stringify({ dwellMinMs: 2500, panMinMs: 2500 })), '--json'),
  bad: sightline('behavior', bad, '--json'),
  missing: sightline('behavior', missing),
  badConfig: sightline('behavior', events, '--config', file('bad-thresholds.json', '{"dwellMinMs": 1000, "dwelMaxCentreShift": 2}'), '--json'),
};

describe('sightline behavior', { timeout: 60_000 }, () => {
  it('--json prints {"commands": […]}', async () => {
    const r = await runs.json;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      commands: [
        { id: 1, kind: 'inspect', magnification: 10, box: [18_000, 18_400, 22_000, 21_600], start: 0, duration: 3000, visits: 1, parentId: null },
        { id: 2, kind: 'peek', magnification: 40, box: [20_500, 20_100, 21_500, 20_900], start: 3000, duration: 2000, visits: 1, parentId: 1 },
        { id: 3, kind: 'inspect', magnification: 5, box: [56_000, 56_800, 64_000, 63_200], start: 5000, duration: 3000, visits: 1, parentId: null },
      ],
    });
  });

  it('prints a table without --json', async () => {
    const r = await runs.table;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 commands; active 0:08\.0 of 0:08\.0/);
    expect(r.stdout).toMatch(/ 2 {2}peek {5}40× {2}\[20500, 20100, 21500, 20900\] .* 2\.0 s +1 +1\n/);
  });

  it('--config overrides any subset of the thresholds', async () => {
    const r = await runs.config;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).commands.map((c: { magnification: number }) => c.magnification)).toEqual([10, 5]);
  });

  it('reports invalid lines with their numbers on stderr and exits 1', async () => {
    const r = await runs.bad;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:3: cursor event: missing x, y`);
    expect(r.stderr).toContain(`${bad}:5: not valid JSON`);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { lines: [{ line: 3 }, { line: 5 }] } } });
  });

  it('a missing file or a bad thresholds file is one clear error', async () => {
    const m = await runs.missing;
    expect(m.code).toBe(1);
    expect(m.stderr).toBe(`sightline: The events file ${missing} does not exist.\n`);
    const r = await runs.badConfig;
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('dwelMaxCentreShift') } });
  });
});
