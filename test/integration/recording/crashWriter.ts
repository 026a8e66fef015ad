// Child process of the crash test (bundled by the test with esbuild, so that each of its many starts is quick). Prints "ready" once loaded, waits for "go <dataDir> <slideId> <userId>" on stdin,
// opens a core on the data dir, starts a session ("session <id>") and appends batches as fast as it can, printing
// "ack <seq>" after each call returned (= after its commit), until it is killed.
// Batch `seq` holds batchSize(seq) cursor events with x = seq and y = their index in the batch.
import { createCore } from '../../../electron/core/createCore';
import type { NavigationEvent } from '../../../shared/navigation';
import { batchSize } from './crashBatches';

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  const go = await new Promise<string>((resolve) => process.stdin.once('data', (d) => resolve(String(d).trim())));
  const [, dataDir, slideArg, userArg] = go.split(' ');
  const [slideId, userId] = [Number(slideArg), Number(userArg)];
  const core = createCore({ dataDir, door: 'cli', version: 'crash-test' });
  const started = await core.invoke('recording.start', { slideId }, { actorId: userId });
  if (!started.ok) throw new Error(started.error.message);
  const sessionId = (started.value as { id: number }).id;
  process.stdout.write(`session ${sessionId}\n`);
  let t = 0;
  for (let seq = 0; ; seq++) {
    const events: NavigationEvent[] = [];
    for (let i = 0; i < batchSize(seq); i++) events.push({ type: 'cursor', t: t++, x: seq, y: i });
    const r = await core.invoke('recording.append', { sessionId, seq, events }, { actorId: userId });
    if (!r.ok) throw new Error(r.error.message);
    process.stdout.write(`ack ${seq}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`crash writer failed: ${(e as Error).message}\n`);
  process.exit(2);
});
