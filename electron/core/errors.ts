import type { AppErrorShape, ErrorCode } from '../../shared/contract';

/** The only error type handlers throw on purpose; anything else becomes INTERNAL at the boundary. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CoreError';
  }
  toShape(): AppErrorShape {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

export function notFound(what: string, id: unknown): CoreError {
  return new CoreError('NOT_FOUND', `${what} ${String(id)} does not exist (it may have been removed).`);
}

/** SQLite constraint errors that users can cause, turned into words. */
export function fromSqliteError(e: unknown, conflictMessage: string): CoreError | null {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new CoreError('CONFLICT', conflictMessage);
  return null;
}
