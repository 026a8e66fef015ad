// Recording ingest: batches of 200 events through core.invoke('recording.append'), each acknowledged after its
// commit, against raw better-sqlite3 inserts of the same rows with the same commit pattern; and the same batches
// through the browser-mode HTTP host.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../electron/core/createCore';
import { startHost } from '../../electron/host/server';
import { WAL_CHECKPOINT_PAGES } from '../../electron/core/store/openDatabase';
import type { RecordingSession } from '../../shared/contract';
import { viewportEvent, type NavigationEvent } from '../../shared/navigation';
import { recordingSetup } from '../integration/recording/recordingSetup';
import { call, tempDir } from '../support/tempCore';
import type { Bench, BenchFigure } from './benchTypes';

const BATCH = 200;
const EVENTS = 300_000;
const HTTP_EVENTS = 100_000;
const TARGET = 100_000;

/** A recorder's mix: viewport samples at 30 Hz while panning and zooming, with cursor samples between them. */
function makeBatches(count: number, t0 = 0): NavigationEvent[][] {
  const batches: NavigationEvent[][] = [];
  let batch: NavigationEvent[] = [];
  for (let i = 0; i < count; i++) {
    const t = t0 + i * 16;
    batch.push(
      i % 3 === 2
        ? { type: 'cursor', t, x: 40_000 + i * 0.7, y: 30_000 + (i % 500) }
        : viewportEvent({ t, cx: 40_000 + i * 1.3, cy: 30_000 + (i % 900), zoom: 0.25 * (1 + (i % 40) / 40), cw: 1600, ch: 900, dpr: 2 }),
    );
    if (batch.length === BATCH) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

interface Timing {
  /** Wall-clock ms. */
  ms: number;
  /** CPU ms of this process (user + system): what the work costs when other programs compete for the cores. */
  cpuMs: number;
}

async function timed(work: () => Promise<void> | void): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000 };
}

function ingest(core: Core, sessionId: number, batches: NavigationEvent[][], firstSeq: number): Promise<Timing> {
  return timed(async () => {
    for (let i = 0; i < batches.length; i++) {
      const r = await core.invoke('recording.append', { sessionId, seq: firstSeq + i, events: batches[i] }, { actorId: null });
      if (!r.ok) throw new Error(r.error.message);
    }
  });
}

/** The floor: the same rows into the same table shape, one transaction per batch, no validation or dispatch, checkpointed as the core's connection is. */
function rawInserts(dir: string, batches: NavigationEvent[][]): Promise<Timing> {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.exec('CREATE TABLE events (session_id INTEGER NOT NULL, seq INTEGER NOT NULL, t REAL NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (session_id, seq)) WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO events (session_id, seq, t, type, payload) VALUES (?, ?, ?, ?, ?)');
  let seq = 0;
  const store = db.transaction((events: NavigationEvent[]) => {
    for (const e of events) insert.run(1, seq++, e.t, e.type, JSON.stringify(e));
  });
  return timed(() => {
    for (const b of batches) store(b);
  }).finally(() => db.close());
}

async function overHttp(core: Core, sessionId: number, batches: NavigationEvent[][], firstSeq: number): Promise<Timing> {
  const host = await startHost({ core, port: 0 });
  try {
    const url = `http://127.0.0.1:${host.port}/api/call/recording.append`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${host.token}` };
    return await timed(async () => {
      for (let i = 0; i < batches.length; i++) {
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ input: { sessionId, seq: firstSeq + i, events: batches[i] } }) });
        const env = (await res.json()) as { ok: boolean; error?: { message: string } };
        if (!env.ok) throw new Error(env.error?.message);
      }
    });
  } finally {
    await host.close();
  }
}

const rate = (events: number, ms: number) => events / (ms / 1000);

const bench: Bench = {
  name: 'recording ingest (batches of 200 events, acknowledged after commit)',
  async run(): Promise<BenchFigure[]> {
    const dir = tempDir('sightline-bench-recording-');
    const { core, slideId, userId } = await recordingSetup(dir);
    try {
      const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
      const warm = makeBatches(20 * BATCH);
      await ingest(core, s.id, warm, 0);
      const batches = makeBatches(EVENTS, warm.length * BATCH * 16);
      const coreT = await ingest(core, s.id, batches, warm.length);
      const rawT = await rawInserts(dir, batches);
      const rawName = 'raw better-sqlite3 inserts, same rows and commits';
      const coreRate = rate(EVENTS, coreT.ms);
      const figures: BenchFigure[] = [
        {
          name: `core ingest, ${EVENTS / 1000}k events via core.invoke`,
          value: coreRate,
          unit: 'events/s',
          baseline: { name: rawName, value: rate(EVENTS, rawT.ms) },
          target: `≥ ${TARGET / 1000}k events/s`,
          met: coreRate >= TARGET,
        },
        { name: 'core ingest per CPU second (load-independent)', value: rate(EVENTS, coreT.cpuMs), unit: 'events/s', baseline: { name: rawName, value: rate(EVENTS, rawT.cpuMs) } },
        { name: 'core: one batch of 200, mean round trip', value: coreT.ms / batches.length, unit: 'ms' },
      ];
      const httpBatches = makeBatches(HTTP_EVENTS, (warm.length + batches.length) * BATCH * 16);
      const httpT = await overHttp(core, s.id, httpBatches, warm.length + batches.length);
      figures.push({ name: `browser-mode HTTP ingest, ${HTTP_EVENTS / 1000}k events`, value: rate(HTTP_EVENTS, httpT.ms), unit: 'events/s', baseline: { name: 'core ingest', value: coreRate } });
      return figures;
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
