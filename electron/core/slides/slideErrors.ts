import { basename } from 'node:path';
import { CoreError } from '../errors';

/** The file is damaged or lies about itself (bad offsets, truncated data, impossible sizes). */
export function corrupt(path: string, what: string): CoreError {
  return new CoreError('CORRUPT_FILE', `${basename(path)} looks damaged: ${what}.`);
}

/** The file is fine but uses something Sightline does not read. */
export function unsupported(path: string, what: string): CoreError {
  return new CoreError('UNSUPPORTED_FILE', `${basename(path)} cannot be opened: ${what}.`);
}
