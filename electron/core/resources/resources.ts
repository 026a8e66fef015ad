import type { CoreDeps } from '../context';

export interface ResourceResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Serves binary resources under one path prefix, e.g. "slides/" for "slides/12/tiles/3/4_5.jpeg". */
export interface ResourceHandler {
  prefix: string;
  handle(path: string, deps: CoreDeps, signal: AbortSignal): Promise<ResourceResponse | null>;
}

export function textResponse(status: number, message: string): ResourceResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from(message) };
}

/** Routes a resource path (without the leading /res/) to the handler that owns its prefix. */
export async function serveResource(handlers: readonly ResourceHandler[], path: string, deps: CoreDeps, signal: AbortSignal): Promise<ResourceResponse> {
  const h = handlers.find((x) => path.startsWith(x.prefix));
  if (!h) return textResponse(404, `No resource at ${path}.`);
  return (await h.handle(path, deps, signal)) ?? textResponse(404, `No resource at ${path}.`);
}
