import { ServerEvent, type Envelope } from '../../../shared/contract';
import type { Transport } from './transport';

async function asEnvelope(res: Response): Promise<Envelope<unknown>> {
  if (res.status === 401) {
    return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This page lost its session token. Open the URL that `sightline serve` printed again.' } };
  }
  try {
    return (await res.json()) as Envelope<unknown>;
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: `The Sightline backend answered ${res.status}; is it still running?` } };
  }
}

const offline: Envelope<unknown> = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: 'Cannot reach the Sightline backend. Is `sightline serve` (or npm start) still running?' },
};

function headers(actorId: number | null): Record<string, string> {
  const h: Record<string, string> = { 'Content-Type': 'application/json' };
  if (actorId !== null) h['X-Sightline-Actor'] = String(actorId);
  return h;
}

/** Browser mode: POST /api/call/<name>, server events over a WebSocket that reconnects. */
export function createHttpTransport(): Transport {
  const listeners = new Set<(e: ServerEvent) => void>();
  let socket: WebSocket | null = null;
  let retry = 500;

  function connect(): void {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`);
    socket = ws;
    ws.onopen = () => (retry = 500);
    ws.onmessage = (m) => {
      const parsed = ServerEvent.safeParse(JSON.parse(String(m.data)));
      if (parsed.success) for (const l of listeners) l(parsed.data);
    };
    ws.onclose = () => {
      socket = null;
      if (listeners.size > 0) setTimeout(connect, (retry = Math.min(retry * 2, 10_000)));
    };
  }

  return {
    door: 'browser',
    async invoke(name, input, opts) {
      try {
        const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: headers(opts.actorId),
          body: JSON.stringify({ input, jobId: opts.jobId }),
          credentials: 'same-origin',
        });
        return await asEnvelope(res);
      } catch {
        return offline;
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
    async addFile(caseId, file, opts) {
      const q = new URLSearchParams({ caseId: String(caseId), name: file.name });
      if (opts.jobId) q.set('jobId', opts.jobId);
      const h = headers(opts.actorId);
      h['Content-Type'] = 'application/octet-stream';
      try {
        const res = await fetch(`/api/upload?${q}`, { method: 'PUT', headers: h, body: file, credentials: 'same-origin' });
        return await asEnvelope(res);
      } catch {
        return offline;
      }
    },
  };
}
