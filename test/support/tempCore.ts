import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/createCore';

export function tempDir(prefix = 'sightline-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempCore(dataDir = tempDir()): Core {
  return createCore({ dataDir, door: 'cli', version: '0.0.0-test' });
}

/** Calls the core and returns the value, failing the test with the error message if the call failed. */
export async function call<T = unknown>(core: Core, name: string, input: unknown, actorId: number | null = null): Promise<T> {
  const env = await core.invoke(name, input, { actorId });
  if (!env.ok) throw new Error(`${name} failed: ${env.error.code} ${env.error.message}`);
  return env.value as T;
}
