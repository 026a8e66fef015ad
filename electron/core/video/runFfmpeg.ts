import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CoreError } from '../errors';
import { ffmpegBinary } from './ffmpegBinary';

const STDERR_LIMIT = 64 * 1024;

export interface FfmpegProcess {
  /** Raw output (when the arguments write to pipe:1). Iterate it to stream with backpressure. */
  stdout: Readable;
  /** Resolves when the process has exited, with its exit code and the tail of its diagnostics. */
  exited: Promise<{ code: number | null; stderr: string }>;
  kill(): void;
}

/** Starts the bundled ffmpeg; aborting the signal kills it and makes `exited` reject with CANCELLED. */
export function spawnFfmpeg(args: string[], signal?: AbortSignal): FfmpegProcess {
  if (signal?.aborted) throw cancelled();
  const bin = ffmpegBinary().path;
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(bin, ['-hide_banner', '-nostdin', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    stderr += s;
    if (stderr.length > STDERR_LIMIT * 2) stderr = stderr.slice(-STDERR_LIMIT);
  });
  const onAbort = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', onAbort, { once: true });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.on('error', (e) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new CoreError('UNAVAILABLE', `Could not start ffmpeg (${bin}): ${e.message}`));
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(cancelled());
      else resolve({ code, stderr });
    });
  });
  // A consumer that stops reading early (error, cancel) must not leave an unhandled rejection behind.
  exited.catch(() => undefined);
  return { stdout: child.stdout, exited, kill: onAbort };
}

/** Runs ffmpeg to completion and returns everything it wrote to stdout. */
export async function runFfmpeg(args: string[], signal?: AbortSignal): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const p = spawnFfmpeg(args, signal);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of p.stdout) chunks.push(chunk as Buffer);
  } catch (e) {
    p.kill();
    if (signal?.aborted) throw cancelled();
    throw e;
  }
  const { code, stderr } = await p.exited;
  return { code, stdout: Buffer.concat(chunks), stderr };
}

export function cancelled(): CoreError {
  return new CoreError('CANCELLED', 'The media operation was cancelled.');
}
