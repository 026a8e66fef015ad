import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { CoreError } from '../errors';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const heldHere = new Set<string>();

/** One writer per data directory: a second Sightline on the same folder is refused, a stale lock is taken over. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'sightline.lock');
  if (heldHere.has(file)) throw new CoreError('CONFLICT', `Sightline already has ${dataDir} open in this process.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new CoreError('CONFLICT', `Another Sightline (process ${pid}) is using ${dataDir}. Close it, or pass a different --data-dir.`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new CoreError('CONFLICT', `Could not lock ${dataDir}.`);
}
