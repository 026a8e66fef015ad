import { AppError } from '../../shared/contract';
import { CoreError } from '../core/errors';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Errors reach the terminal as one clear line (or a JSON error object with --json) and a non-zero exit. */
export function fail(e: unknown, json: boolean): never {
  const code = e instanceof CoreError || e instanceof AppError ? e.code : 'INTERNAL';
  const message = e instanceof Error ? e.message : String(e);
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code, message } })}\n`);
  else process.stderr.write(`sightline: ${message}\n`);
  process.exit(code === 'INTERNAL' ? 70 : 1);
}
