import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/createCore';
import type { RecordingSession } from '../../../shared/contract';
import { call, tempDir } from '../../support/tempCore';
import { batchSize } from './crashBatches';
import { recordingSetup } from './recordingSetup';

const WRITER_SOURCE = fileURLToPath(new URL('./crashWriter.ts', import.meta.url));
// Inside the repository, so that the bundle finds node_modules (packages stay external).
const WRITER = fileURLToPath(new URL('../../fixtures/generated/recording/crashWriter.mjs', import.meta.url));
const TRIALS = 50;
/** Trials sharing one data dir (so later trials reopen a database that earlier crashes left behind). */
const TRIALS_PER_DIR = 10;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Writer {
  proc: ChildProcess;
  ready: Promise<void>;
  /** Resolves when the writer's session has started (or the writer is gone). */
  started: Promise<void>;
  lines: string[];
  stderr: () => string;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnWriter(): Writer {
  const proc = spawn(process.execPath, [WRITER], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  let onStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  proc.stdout!.on('data', (d: Buffer) => {
    partial += d.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const l of parts) {
      if (l === 'ready') onReady();
      else lines.push(l);
      if (l.startsWith('session ')) onStarted();
    }
  });
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('close', (code, signal) => resolve({ code, signal })));
  void closed.then(() => {
    onReady();
    onStarted();
  });
  return { proc, ready, started, lines, stderr: () => err, closed };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash safety of recording', () => {
  it(`keeps every acknowledged batch, whole, across ${TRIALS} SIGKILLs at random moments`, async () => {
    await build({ entryPoints: [WRITER_SOURCE], outfile: WRITER, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
    const template = tempDir('sightline-crash-template-');
    const { core, slideId, userId } = await recordingSetup(template);
    core.close();
    const rand = mulberry32(0x5eed);
    // Writers start ahead of their trial, so that loading one overlaps the trials before it.
    const pool = [spawnWriter(), spawnWriter()];
    let dir = '';
    const dirs = [template];
    /** Acknowledged event counts of earlier sessions in the current data dir, which must never change. */
    let earlier = new Map<number, number>();
    let trialsWithAcks = 0;
    let totalAcked = 0;
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        if (trial % TRIALS_PER_DIR === 0) {
          const root = tempDir('sightline-crash-');
          dirs.push(root);
          dir = join(root, 'data');
          mkdirSync(dir);
          copyFileSync(join(template, 'sightline.db'), join(dir, 'sightline.db'));
          earlier = new Map();
        }
        const w = pool.shift()!;
        pool.push(spawnWriter());
        await w.ready;
        expect(w.proc.exitCode, w.stderr()).toBeNull();
        w.proc.stdin!.write(`go ${dir} ${slideId} ${userId}\n`);
        // Every fifth kill lands while the writer opens the database (and recovers the previous crash); the others
        // while it appends.
        const duringOpen = trial % 5 === 4;
        if (duringOpen) await sleep(Math.floor(rand() * 40));
        else {
          await w.started;
          await sleep(20 + Math.floor(rand() * 281));
        }
        w.proc.kill('SIGKILL');
        const exit = await w.closed;
        expect(exit.signal, `the writer stopped by itself: ${w.stderr()}`).toBe('SIGKILL');

        const sessionLine = w.lines.find((l) => l.startsWith('session '));
        const sessionId = sessionLine ? Number(sessionLine.slice(8)) : null;
        const acked = w.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
        if (acked.length && !duringOpen) trialsWithAcks++;
        totalAcked += acked.length;
        const lastAcked = acked.length ? acked[acked.length - 1] : -1;

        // Reopen the database exactly as the crash left it.
        const db = new Database(join(dir, 'sightline.db'));
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const counts = new Map((db.prepare('SELECT session_id AS id, COUNT(*) AS n FROM events GROUP BY session_id').all() as { id: number; n: number }[]).map((r) => [r.id, r.n]));
        for (const [id, n] of earlier) expect(counts.get(id) ?? 0, `session ${id} of an earlier trial`).toBe(n);
        if (sessionId !== null) {
          const s = db.prepare('SELECT event_count, last_batch_seq FROM sessions WHERE id = ?').get(sessionId) as { event_count: number; last_batch_seq: number };
          // Batches are stored in order, whole: 0..k each with all its events, nothing else; k covers every ack.
          const perBatch = db
            .prepare("SELECT json_extract(payload, '$.x') AS b, COUNT(*) AS n, MIN(json_extract(payload, '$.y')) AS y0, MAX(json_extract(payload, '$.y')) AS y1 FROM events WHERE session_id = ? GROUP BY b ORDER BY b")
            .all(sessionId) as { b: number; n: number; y0: number; y1: number }[];
          const k = s.last_batch_seq;
          expect(k).toBeGreaterThanOrEqual(lastAcked);
          expect(perBatch.map((r) => r.b)).toEqual(Array.from({ length: k + 1 }, (_, i) => i));
          for (const r of perBatch) expect([r.n, r.y0, r.y1], `batch ${r.b}`).toEqual([batchSize(r.b), 0, batchSize(r.b) - 1]);
          const stored = perBatch.reduce((n, r) => n + r.n, 0);
          expect(s.event_count).toBe(stored);
          const batchRows = db.prepare('SELECT seq, first_event, count FROM batches WHERE session_id = ? ORDER BY seq').all(sessionId) as { seq: number; first_event: number; count: number }[];
          expect(batchRows.map((b) => [b.seq, b.count])).toEqual(perBatch.map((r) => [r.b, r.n]));
          earlier.set(sessionId, stored);
        }
        db.close();

        // Reopened by Sightline: the session the writer left recording is interrupted, with its events kept.
        const reopened = createCore({ dataDir: dir, door: 'cli', version: 'crash-test' });
        try {
          const sessions = await call<RecordingSession[]>(reopened, 'recording.list', { slideId });
          for (const s of sessions) {
            expect(s.status).toBe('interrupted');
            expect(s.eventCount).toBe(earlier.get(s.id));
          }
          if (sessionId !== null) expect(sessions.some((s) => s.id === sessionId)).toBe(true);
        } finally {
          reopened.close();
        }
      }
    } finally {
      for (const w of pool) w.proc.kill('SIGKILL');
      await Promise.all(pool.map((w) => w.closed));
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
    // The kills landed while batches were being written, not only before the first one.
    expect(trialsWithAcks).toBeGreaterThanOrEqual(TRIALS * 0.8 * 0.75);
    expect(totalAcked).toBeGreaterThan(TRIALS * 10);
  }, 120_000);
});
