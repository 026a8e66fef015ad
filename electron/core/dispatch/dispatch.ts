import { calls, isCallName, type AppErrorShape, type Envelope } from '../../../shared/contract';
import { CoreError } from '../errors';
import type { CallContext, CoreDeps } from '../context';
import type { HandlerMap } from './handlers';

export interface InvokeContext {
  actorId: number | null;
  jobId?: string;
  signal?: AbortSignal;
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/** The boundary: validates input, runs the handler, and turns every failure into an error envelope. */
export async function dispatch(handlers: HandlerMap, deps: CoreDeps, name: string, rawInput: unknown, ictx: InvokeContext): Promise<Envelope<unknown>> {
  if (!isCallName(name)) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `There is no call named "${name}".` } };
  const def = calls[name];
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error.issues), details: parsed.error.issues } };
  }
  // Every audit row names its actor; a profile that does not exist must not be able to sign one.
  if (ictx.actorId !== null && !deps.db.prepare('SELECT 1 FROM users WHERE id = ?').get(ictx.actorId)) {
    return { ok: false, error: { code: 'UNAUTHORIZED', message: `There is no annotator profile ${ictx.actorId}. Pick or create a profile first.` } };
  }
  const job = deps.jobs.begin(ictx.jobId, ictx.signal);
  const ctx: CallContext = { ...job.ctx, actorId: ictx.actorId };
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext, deps: CoreDeps) => unknown;
    const value = await handler(parsed.data, ctx, deps);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toErrorShape(e, ctx.signal) };
  } finally {
    job.end();
  }
}

export function toErrorShape(e: unknown, signal?: AbortSignal): AppErrorShape {
  if (e instanceof CoreError) return e.toShape();
  if (signal?.aborted || (e as Error | null)?.name === 'AbortError') return { code: 'CANCELLED', message: 'Cancelled.' };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Something went wrong inside Sightline: ${message}` };
}
