import type { Command } from 'commander';
import type { SessionMetrics } from '../../../shared/contract';
import { fail, printJson } from '../output';
import { DATA_DIR_HELP, invoke, parseId, withCore } from './events';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function describe(m: SessionMetrics): string {
  const bins = Object.entries(m.msPerBin)
    .filter(([, ms]) => ms > 0)
    .map(([bin, ms]) => `${bin}×: ${seconds(ms)}`)
    .join(', ');
  return [
    `session ${m.sessionId}`,
    `  total time        ${seconds(m.totalMs)}`,
    `  active time       ${seconds(m.activeMs)}`,
    `  per magnification ${bins || 'none'}`,
    `  magnification     mean ${m.magnificationMean.toFixed(2)}× (zoom mean ${m.zoomMean.toPrecision(4)}, variance ${m.zoomVariance.toPrecision(4)})`,
    `  fixations         ${m.fixations}`,
    `  pan distance      ${Math.round(m.panDistancePx)} px${m.panDistanceMm === null ? '' : ` (${m.panDistanceMm.toFixed(2)} mm)`}`,
    `  zoom in / out     ${m.zoomIns} / ${m.zoomOuts}`,
    `  seen at ≥ 10×     ${(100 * m.seenAt10xShare).toFixed(1)} % of the ${m.seenAt10xBasis}`,
    `  series            ${m.magnificationSeries.length} points (--json to get them)`,
  ].join('\n');
}

export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('Per-session navigation metrics: times, magnifications, fixations, movement, zoom steps, coverage at ≥ 10×, magnification over time.')
    .argument('<sessionId>', 'the recorded (or imported) session')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--json', 'print the metrics as JSON')
    .action(async (rawId: string, opts: { dataDir?: string; json?: boolean }) => {
      const json = !!opts.json;
      try {
        const sessionId = parseId('The session id', rawId);
        const m = await withCore(opts.dataDir, (core) => invoke<SessionMetrics>(core, 'recording.metrics', { sessionId }));
        if (json) printJson(m);
        else process.stdout.write(`${describe(m)}\n`);
      } catch (e) {
        fail(e, json);
      }
    });
}
