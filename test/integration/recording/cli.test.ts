import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/createCore';
import { SessionMetrics, type RecordingSession } from '../../../shared/contract';
import { serializeNavigationJsonl, type NavigationEvent, type SlideHeader } from '../../../shared/navigation';
import { BIN } from '../../support/serveProcess';
import { sessionMetrics } from '../../../shared/recording/metrics';
import { call, tempCore, tempDir } from '../../support/tempCore';
import { addSlide, panEvents, recordingSetup } from './recordingSetup';
import { addTissueSlide, HEADER, tissueSession, tissueSlidePath } from './tissueSlide';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sightline(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A data dir with one recorded, ended session and a second slide of the same size; no Sightline running on it. */
async function library() {
  const { core, dataDir, caseId, slideId, userId } = await recordingSetup();
  const otherSlide = await addSlide(core, dataDir, caseId, userId, 'slide-2.svs');
  const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
  await call(core, 'recording.append', { sessionId: s.id, seq: 0, events: [...panEvents(0, 100), { type: 'hotkey', t: 3300, key: '4', magnification: 40 }] });
  await call(core, 'recording.end', { sessionId: s.id, t: 4000 }, userId);
  const recorded = await call<{ slide: SlideHeader; events: NavigationEvent[] }>(core, 'recording.events', { sessionId: s.id });
  core.close();
  return { dataDir, slideId, otherSlide, sessionId: s.id, recorded };
}

describe('sightline events and sightline metrics', () => {
  it('exports a session, imports it onto another slide, and measures it, all as JSON', async () => {
    const { dataDir, otherSlide, sessionId, recorded } = await library();
    const file = join(dataDir, 'session.jsonl');
    const exported = await sightline(['events', 'export', String(sessionId), '--out', file, '--data-dir', dataDir, '--json']);
    expect(exported.stderr).toBe('');
    expect(JSON.parse(exported.stdout)).toEqual({ ok: true, sessionId, file, events: 102 });
    expect(readFileSync(file, 'utf8')).toBe(serializeNavigationJsonl(recorded));

    const imported = await sightline(['events', 'import', file, '--slide', String(otherSlide), '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const { session } = JSON.parse(imported.stdout) as { session: RecordingSession };
    expect(session).toMatchObject({ slideId: otherSlide, status: 'ended', eventCount: 102, userName: 'Ada' });

    const metrics = await sightline(['metrics', String(session.id), '--json', '--data-dir', dataDir]);
    const m = SessionMetrics.parse(JSON.parse(metrics.stdout));
    // 100 views 33 ms apart at 10×, 50 px apart; the last one rests until the end at 4 s. The slide's file is no
    // image, so where its tissue is cannot be known: coverage is over the whole slide.
    expect(m).toMatchObject({ sessionId: session.id, totalMs: 4000, activeMs: 4000, panDistancePx: 99 * 50, zoomIns: 0, zoomOuts: 0, seenAt10xBasis: 'slide' });
    expect(m.msPerBin['10']).toBe(4000);
    const text = await sightline(['metrics', String(session.id), '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/total time\s+4\.0 s/);
    expect(text.stdout).toMatch(/per magnification\s+10×: /);
  });

  it('measures the share seen at ≥ 10× over the tissue of a slide it can read', async () => {
    const dataDir = tempDir();
    const core = tempCore(dataDir);
    const { slideId, userId } = await addTissueSlide(core, await tissueSlidePath());
    const { events, jsonl } = await tissueSession();
    const s = await call<RecordingSession>(core, 'recording.import', { slideId, jsonl }, userId);
    core.close();
    const json = await sightline(['metrics', String(s.id), '--json', '--data-dir', dataDir]);
    const m = SessionMetrics.parse(JSON.parse(json.stdout));
    expect(m.seenAt10xBasis).toBe('tissue');
    expect(m.seenAt10xShare).toBeGreaterThan(2 * sessionMetrics(HEADER, events).seenAt10xShare);
    const text = await sightline(['metrics', String(s.id), '--data-dir', dataDir]);
    expect(text.stdout).toContain(`seen at ≥ 10×     ${(100 * m.seenAt10xShare).toFixed(1)} % of the tissue\n`);
  });

  it('writes to standard output without --out', async () => {
    const { dataDir, sessionId, recorded } = await library();
    const r = await sightline(['events', 'export', String(sessionId), '--data-dir', dataDir]);
    expect(r.stdout).toBe(serializeNavigationJsonl(recorded));
  });

  it('reports a bad line with its number and imports nothing', async () => {
    const { dataDir, slideId, otherSlide } = await library();
    const file = join(dataDir, 'bad.jsonl');
    const lines = serializeNavigationJsonl({ slide: { type: 'slide', id: 'x', width: 98_304, height: 65_536, mpp: 0.25 }, events: panEvents(0, 5) }).split('\n');
    lines[2] = '{"type":"cursor","t":10,"x":1}';
    writeFileSync(file, lines.join('\n'));
    const r = await sightline(['events', 'import', file, '--slide', String(otherSlide), '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sightline: bad\.jsonl:3: cursor event: [^\n]*\by\b[^\n]*\. Nothing was imported\.\n$/);
    const json = await sightline(['events', 'import', file, '--slide', String(otherSlide), '--data-dir', dataDir, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^bad\.jsonl:3: /) } });
    const core = createCore({ dataDir, door: 'cli', version: 'test' });
    expect(await call<RecordingSession[]>(core, 'recording.list', { slideId: otherSlide })).toEqual([]);
    expect(await call<RecordingSession[]>(core, 'recording.list', { slideId })).toHaveLength(1);
    core.close();
  });

  it('says clearly when Sightline is running on the folder, and gives typed errors for bad ids and paths', async () => {
    const { dataDir, sessionId } = await library();
    const running = createCore({ dataDir, door: 'browser', version: 'test' });
    try {
      const [locked, missing, wrongId, noFile] = await Promise.all([
        sightline(['metrics', String(sessionId), '--data-dir', dataDir]),
        sightline(['events', 'export', '999', '--data-dir', join(dataDir, 'other'), '--json']),
        sightline(['metrics', 'abc', '--data-dir', dataDir, '--json']),
        sightline(['events', 'import', join(dataDir, 'nope.jsonl'), '--slide', '1', '--data-dir', dataDir, '--json']),
      ]);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toBe(`sightline: Another Sightline (process ${process.pid}) is using ${dataDir}. Close it, or pass a different --data-dir.\n`);
      expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(JSON.parse(wrongId.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'The session id must be a positive whole number, not "abc".' } });
      expect(JSON.parse(noFile.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
      expect(existsSync(join(dataDir, 'session.jsonl'))).toBe(false);
    } finally {
      running.close();
    }
  });
});
