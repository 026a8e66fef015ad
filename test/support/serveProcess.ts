import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/sightline.mjs', import.meta.url));

export interface ServedApp {
  url: string;
  origin: string;
  port: number;
  token: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `sightline serve --json` as a real child process and waits for the URL it prints. */
export async function serveProcess(dataDir: string, extraArgs: string[] = []): Promise<ServedApp> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--json', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const info = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s: ${err}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      try {
        const parsed = JSON.parse(out) as { url: string; port: number };
        clearTimeout(timer);
        resolve(parsed);
      } catch {
        /* not all of it yet */
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err || out}`));
    });
  });
  const url = new URL(info.url);
  return {
    url: info.url,
    origin: url.origin,
    port: info.port,
    token: url.searchParams.get('token')!,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
