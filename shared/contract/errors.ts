import { z } from 'zod';

/** Error codes that cross the boundary between core and UI. */
export const ErrorCode = z.enum([
  'INVALID_INPUT',
  'UNKNOWN_CALL',
  'NOT_FOUND',
  'CONFLICT',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'UNSUPPORTED_FILE',
  'CORRUPT_FILE',
  'CANCELLED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Thrown on the client side when a call comes back with an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'AppError';
    this.code = shape.code;
    this.details = shape.details;
  }
}
