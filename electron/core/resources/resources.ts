import type { Readable } from 'node:stream';
import type { CoreDeps } from '../context';
import { conditional } from './conditional';

export interface ResourceResponse {
  status: number;
  headers: Record<string, string>;
  /** A stream for large bodies (video ranges); a Buffer otherwise. */
  body: Buffer | Readable;
}

/** The request headers a resource may answer to (lower-case names), e.g. range and if-none-match. */
export type ResourceRequestHeaders = Readonly<Record<string, string | undefined>>;

/** Serves binary resources under one path prefix, e.g. "slides/" for "slides/12/tiles/3/4_5.jpeg". */
export interface ResourceHandler {
  prefix: string;
  handle(path: string, deps: CoreDeps, signal: AbortSignal, headers: ResourceRequestHeaders): Promise<ResourceResponse | null>;
}

export function textResponse(status: number, message: string): ResourceResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from(message) };
}

/** Routes a resource path (without the leading /res/) to the handler that owns its prefix. */
export async function serveResource(
  handlers: readonly ResourceHandler[],
  path: string,
  deps: CoreDeps,
  signal: AbortSignal,
  headers: ResourceRequestHeaders = {},
): Promise<ResourceResponse> {
  const h = handlers.find((x) => path.startsWith(x.prefix));
  if (!h) return textResponse(404, `No resource at ${path}.`);
  const r = await h.handle(path, deps, signal, headers);
  return r ? conditional(r, headers['if-none-match']) : textResponse(404, `No resource at ${path}.`);
}
