// Behaviour pipeline speed: 1,000,000 navigation events → commands, against merely walking the same events; and
// parsing the JSON Lines text of those events, against bare JSON.parse of the same lines (results kept).
import { analyseBehavior } from '../../shared/behavior';
import { parseNavigationJsonl, serializeNavigationJsonl, type NavigationEvent } from '../../shared/navigation';
import { randomSession, recordingSession } from '../unit/behavior/randomStream';
import type { Bench, BenchFigure } from './benchTypes';

const COUNT = 1_000_000;
const TARGET_MS = 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

/** The least any pass over the events costs: read each one's type and time. */
function walk(events: readonly NavigationEvent[]): number {
  let sum = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    sum += e.t;
    if (e.type === 'viewport') sum += e.zoom;
  }
  return sum;
}

const bench: Bench = {
  name: 'behaviour pipeline (navigation events → inspect/peek commands)',
  async run(): Promise<BenchFigure[]> {
    const figures: BenchFigure[] = [];
    const session = recordingSession(7, COUNT);
    const hours = (session.events[COUNT - 1].t / 3_600_000).toFixed(1);

    const cold = time(() => analyseBehavior(session));
    const walkMs = median([1, 2, 3, 4, 5].map(() => time(() => walk(session.events))));
    const runs = [1, 2, 3, 4, 5].map(() => time(() => analyseBehavior(session)));
    const warm = median(runs);
    const commands = analyseBehavior(session).commands.length;
    const baseline = { name: 'walking the events', value: walkMs };
    figures.push(
      { name: `1M events (${hours} h recording, ${commands} commands), first run`, value: cold, unit: 'ms', baseline, target: `< ${TARGET_MS} ms`, met: cold < TARGET_MS },
      { name: '1M events, median of 5 runs', value: warm, unit: 'ms', baseline, target: `< ${TARGET_MS} ms`, met: warm < TARGET_MS },
      { name: 'throughput (median run)', value: COUNT / (warm / 1000), unit: 'events/s', baseline: { name: 'walking the events', value: COUNT / (walkMs / 1000) } },
    );

    // A harsher mix: random jumps and zooms, many ties, ~30k commands before merging.
    const stress = randomSession(42, COUNT);
    const stressWalk = median([1, 2, 3].map(() => time(() => walk(stress.events))));
    const stressMs = median([1, 2, 3].map(() => time(() => analyseBehavior(stress))));
    figures.push({ name: `1M random events (${analyseBehavior(stress).commands.length} commands), median of 3`, value: stressMs, unit: 'ms', baseline: { name: 'walking the events', value: stressWalk } });

    const text = serializeNavigationJsonl(session);
    const lines = text.split('\n');
    // The least a parser must do: parse every line and keep the result.
    const jsonMs = time(() => {
      const kept: unknown[] = [];
      for (const line of lines) if (line) kept.push(JSON.parse(line));
      return kept;
    });
    let ok = false;
    const parseMs = time(() => (ok = parseNavigationJsonl(text).ok));
    if (!ok) throw new Error('the generated stream did not parse');
    figures.push({ name: 'parse + validate 1M JSON Lines', value: parseMs, unit: 'ms', baseline: { name: 'JSON.parse of the lines, kept', value: jsonMs } });
    return figures;
  },
};

export default bench;
