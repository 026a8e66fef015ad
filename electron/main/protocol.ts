import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { CustomScheme } from 'electron';
import { RESOURCE_PREFIX } from '../../shared/contract/bridge';
import type { ResourceResponse } from '../core/resources/resources';
import { APP_HOST, APP_SCHEME } from './appOrigin';
import { APP_RESPONSE_HEADERS, appContentSecurityPolicy } from './security';

/** Registered before the app is ready: a standard, secure origin that can fetch and stream (video). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

export interface AppRequest {
  url: string;
  method: string;
  signal?: AbortSignal;
  /** Request headers (lower-case names) a resource may answer to, e.g. range. */
  headers?: Readonly<Record<string, string | undefined>>;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  /** null for HEAD requests; a stream for large resources (video ranges). */
  body: Buffer | Readable | null;
}

/** The request headers /res/ resources answer to (the ones browser mode's host passes on too). */
export const RESOURCE_REQUEST_HEADERS = ['range', 'if-none-match'] as const;

export interface AppProtocolDeps {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Binary resources below /res/ (Core.resource). */
  resource(path: string, signal?: AbortSignal, headers?: Readonly<Record<string, string | undefined>>): Promise<ResourceResponse>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

function text(status: number, message: string): AppResponse {
  return { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body: Buffer.from(message) };
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

type Resolved = { ok: true; file: string } | { ok: false; response: AppResponse };

/**
 * Maps a URL path to a file inside the renderer folder. Paths that try to leave it are refused; unknown paths
 * without an extension are UI routes and get index.html; a missing asset (with an extension) is a 404, so a
 * broken script tag never receives HTML.
 */
function resolveStatic(rootDir: string, pathname: string): Resolved {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, response: text(400, 'Malformed URL.') };
  }
  if (decoded.includes('\0')) return { ok: false, response: text(400, 'Malformed URL.') };
  const segments = decoded.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || /^[a-zA-Z]:$/.test(s))) return { ok: false, response: text(403, 'Paths outside the app are refused.') };
  const root = resolve(rootDir);
  const index = join(root, 'index.html');
  const full = resolve(root, ...segments);
  const rel = relative(root, full);
  if (rel.startsWith('..') || isAbsolute(rel)) return { ok: false, response: text(403, 'Paths outside the app are refused.') };
  const isEntry = segments.length === 0 || (segments.length === 1 && segments[0] === 'index.html');
  if (!isEntry && isFile(full)) return { ok: true, file: full };
  if (!isEntry && extname(segments[segments.length - 1]) !== '') return { ok: false, response: text(404, `Not found: /${segments.join('/')}`) };
  if (!isFile(index)) return { ok: false, response: text(503, 'The UI is not built. Run `npm run build` (it builds the renderer and the Electron shell).') };
  return { ok: true, file: index };
}

/** The app:// protocol: the built renderer, plus /res/… delegated to the core. Pure of Electron for testing. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (req: AppRequest) => Promise<AppResponse> {
  return async (req) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return text(400, 'Malformed URL.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') {
      return text(403, 'Only app://sightline/ is served.');
    }
    const method = req.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return text(405, 'Method not allowed.');

    if (url.pathname.startsWith(RESOURCE_PREFIX)) {
      let path: string;
      try {
        path = decodeURIComponent(url.pathname.slice(RESOURCE_PREFIX.length));
      } catch {
        return text(400, 'Malformed URL.');
      }
      let r: ResourceResponse;
      try {
        r = await deps.resource(path, req.signal, req.headers ?? {});
      } catch (e) {
        return text(500, `Could not serve ${path}: ${e instanceof Error ? e.message : String(e)}`);
      }
      // A fetch Response for a 304 (the core's answer to a current If-None-Match) must not have a body.
      const bodyless = method === 'HEAD' || r.status === 304;
      if (bodyless && !Buffer.isBuffer(r.body)) r.body.destroy();
      return { status: r.status, headers: { ...APP_RESPONSE_HEADERS, ...r.headers }, body: bodyless ? null : r.body };
    }

    const found = resolveStatic(deps.rendererDir, url.pathname);
    if (!found.ok) return found.response;
    const type = TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { ...APP_RESPONSE_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = appContentSecurityPolicy();
    return { status: 200, headers, body: method === 'HEAD' ? null : readFileSync(found.file) };
  };
}

/**
 * Electron's protocol.handle side of the handler: a fetch Request in (its /res/ headers passed on), a fetch
 * Response out (a streamed body stays a stream).
 */
export function toFetchHandler(serve: (req: AppRequest) => Promise<AppResponse>): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers: Record<string, string | undefined> = {};
    for (const name of RESOURCE_REQUEST_HEADERS) headers[name] = request.headers.get(name) ?? undefined;
    const r = await serve({ url: request.url, method: request.method, signal: request.signal, headers });
    const body = r.body === null ? null : Buffer.isBuffer(r.body) ? new Uint8Array(r.body) : (Readable.toWeb(r.body) as ReadableStream<Uint8Array>);
    return new Response(body, { status: r.status, headers: r.headers });
  };
}
