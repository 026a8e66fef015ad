import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { CoreError } from '../errors';

/** sha256 of a file, streamed, with progress and cancellation. */
export async function hashFile(
  path: string,
  size: number,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      done += (chunk as Buffer).length;
      onProgress(done, size);
    }
  } catch (e) {
    if (signal.aborted) throw new CoreError('CANCELLED', 'Adding the file was cancelled.');
    throw new CoreError('FILE_UNREADABLE', `Could not read ${path}: ${(e as Error).message}`);
  }
  return hash.digest('hex');
}
