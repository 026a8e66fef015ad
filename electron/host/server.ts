import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { RESOURCE_PREFIX } from '../../shared/contract';
import { companionFilesNeeded } from '../../shared/domain/fileKinds';
import type { Core } from '../core/createCore';
import { CoreError } from '../core/errors';
import { toErrorShape } from '../core/dispatch/dispatch';
import { checkRequest, COMMON_HEADERS, contentSecurityPolicy, COOKIE_NAME, cookieValueFor, newLaunchToken } from './security';
import { readStatic } from './staticFiles';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const MAX_JSON_BODY = 16 * 1024 * 1024;

export interface HostOptions {
  core: Core;
  port?: number;
  rendererDir?: string;
  token?: string;
}

export interface Host {
  readonly port: number;
  readonly token: string;
  /** The URL to open: it carries the token, which the page exchanges for a cookie. */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8' });
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_JSON_BODY) throw new CoreError('INVALID_INPUT', 'Request body too large.');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new CoreError('INVALID_INPUT', 'Request body is not valid JSON.');
  }
}

function actorFrom(req: IncomingMessage): number | null {
  const raw = req.headers['x-sightline-actor'];
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** Browser mode: the same core, over HTTP and WebSocket on 127.0.0.1 only. */
export async function startHost(opts: HostOptions): Promise<Host> {
  const { core } = opts;
  const token = opts.token ?? newLaunchToken();
  const rendererDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const queryToken = url.pathname === '/auth' ? url.searchParams.get('token') : null;
    const verdict = checkRequest(req, port, token, queryToken);
    if (!verdict.ok) return sendJson(res, verdict.status, { ok: false, error: { code: verdict.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message: verdict.reason } });

    if (url.pathname === '/auth') {
      res.writeHead(302, {
        ...COMMON_HEADERS,
        'Set-Cookie': `${COOKIE_NAME}=${cookieValueFor(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Use POST.' } });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'INVALID_INPUT', message: 'Content-Type must be application/json.' } });
      }
      const name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      try {
        const body = (await readJsonBody(req)) as { input?: unknown; jobId?: unknown };
        const abort = new AbortController();
        res.on('close', () => !res.writableFinished && abort.abort());
        const envelope = await core.invoke(name, body.input, {
          actorId: actorFrom(req),
          jobId: typeof body.jobId === 'string' ? body.jobId : undefined,
          signal: abort.signal,
        });
        return sendJson(res, 200, envelope);
      } catch (e) {
        return sendJson(res, 200, { ok: false, error: toErrorShape(e) });
      }
    }

    if (url.pathname === '/api/upload') return handleUpload(req, res, url);

    if (url.pathname.startsWith(RESOURCE_PREFIX)) {
      const abort = new AbortController();
      res.on('close', () => !res.writableFinished && abort.abort());
      const r = await core.resource(decodeURIComponent(url.pathname.slice(RESOURCE_PREFIX.length)), abort.signal, {
        range: req.headers.range,
        'if-none-match': req.headers['if-none-match'],
      });
      const body = r.body;
      if (Buffer.isBuffer(body)) return send(res, r.status, req.method === 'HEAD' ? Buffer.alloc(0) : body, r.headers);
      res.writeHead(r.status, { ...COMMON_HEADERS, 'Cache-Control': 'no-store', ...r.headers });
      if (req.method === 'HEAD') {
        body.destroy();
        return void res.end();
      }
      res.on('close', () => body.destroy());
      await pipeline(body, res).catch(() => undefined);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Method not allowed.' } });
    const file = readStatic(rendererDir, url.pathname);
    if (!file) {
      return send(res, 503, 'The UI is not built yet. Run `npm run build:renderer` (npm start does this for you).', { 'Content-Type': 'text/plain; charset=utf-8' });
    }
    const headers: Record<string, string> = { 'Content-Type': file.type };
    if (file.type.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy(port);
    if (file.immutable) headers['Cache-Control'] = 'private, max-age=31536000, immutable';
    return send(res, 200, req.method === 'HEAD' ? Buffer.alloc(0) : file.body, headers);
  }

  /** Browser-mode file picker and drag-and-drop: the bytes are stored in the data directory, then added as a managed file. */
  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'PUT') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Use PUT.' } });
    const caseId = Number(url.searchParams.get('caseId'));
    const name = basename(url.searchParams.get('name') ?? '').replace(/[^\w.\- ()]/g, '_');
    if (!Number.isInteger(caseId) || caseId <= 0 || !name) {
      return sendJson(res, 200, { ok: false, error: { code: 'INVALID_INPUT', message: 'caseId and name are required.' } });
    }
    const alone = companionFilesNeeded(name);
    if (alone) {
      req.resume();
      return sendJson(res, 200, { ok: false, error: { code: 'UNSUPPORTED_FILE', message: alone } });
    }
    const target = join(core.filesDir, `${randomUUID()}-${name}`);
    try {
      await pipeline(req, createWriteStream(target, { flags: 'wx' }));
    } catch (e) {
      rmSync(target, { force: true });
      return sendJson(res, 200, { ok: false, error: { code: 'FILE_UNREADABLE', message: `Upload failed: ${(e as Error).message}` } });
    }
    const envelope = await core.invoke(
      'files.add',
      { caseId, path: target, managed: true },
      { actorId: actorFrom(req), jobId: url.searchParams.get('jobId') ?? undefined },
    );
    if (!envelope.ok && existsSync(target)) rmSync(target, { force: true });
    return sendJson(res, 200, envelope);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toErrorShape(e) });
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(req, port, token, null);
    if (url.pathname !== '/api/events' || !verdict.ok) {
      const status = verdict.ok ? 404 : verdict.status;
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const off = core.onEvent((e) => ws.send(JSON.stringify(e)));
      ws.on('close', off);
      ws.on('error', off);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    token,
    origin,
    url: `${origin}/auth?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
