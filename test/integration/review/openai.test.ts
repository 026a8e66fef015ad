import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DraftingSettings, DraftResult, ReviewItem, ReviewQueue } from '../../../shared/contract';
import { call } from '../../support/tempCore';
import { failure, reviewSetup, type ReviewSetup } from './reviewSetup';

interface Received {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
}

/** A tiny OpenAI-compatible chat server on 127.0.0.1 whose behaviour each test sets. */
let server: Server;
let url: string;
let received: Received[] = [];
let respond: (req: Received, res: ServerResponse, n: number) => void;

function reply(res: ServerResponse, content: string, model = 'llava-test:7b-q4'): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ id: 'x', object: 'chat.completion', model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
}

let s: ReviewSetup;
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const r = JSON.parse(body) as Received;
      received.push(r);
      respond(r, res, received.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  s = await reviewSetup();
  await call(s.core, 'review.sync', { projectId: s.projectId }, s.userId);
});
afterAll(async () => {
  s?.core.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
});

const useServer = (extra: Record<string, unknown> = {}) => call<DraftingSettings>(s.core, 'review.saveSettings', { backend: 'openai', url, model: 'llava-test', timeoutMs: 2000, retries: 2, ...extra }, s.userId);

describe('OpenAI-compatible drafting backend', () => {
  it('sends region images as base64 data URLs and stores the fields it answers with, labelled with the model', async () => {
    await useServer();
    respond = (r, res) => {
      const fields = String((r.messages[1].content as Array<{ text?: string }>)[0].text).includes('"highPower"') ? ['why', 'findings', 'highPower'] : String((r.messages[1].content as Array<{ text?: string }>)[0].text).includes('"impression"') ? ['impression'] : ['why', 'findings'];
      reply(res, `Here you go:\n\`\`\`json\n${JSON.stringify(Object.fromEntries(fields.map((f) => [f, `${f} from the model`])))}\n\`\`\``);
    };
    const r = await call<DraftResult>(s.core, 'review.draft', { projectId: s.projectId }, s.userId);
    expect(r).toMatchObject({ drafted: 3, failed: [], backend: 'openai', modelName: 'llava-test' });
    expect(received).toHaveLength(3);
    const images = received.map((q) => (q.messages[1].content as Array<{ type: string; image_url?: { url: string } }>).filter((c) => c.type === 'image_url').map((c) => c.image_url!.url));
    // The inspect with a peek sends its region and its high-power crop; the other inspect one image; the impression the thumbnail.
    expect(images.map((i) => i.length).sort()).toEqual([1, 1, 2]);
    for (const u of images.flat()) {
      expect(u).toMatch(/^data:image\/jpeg;base64,/);
      expect(Buffer.from(u.split(',')[1], 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    }
    expect(received[0].model).toBe('llava-test');
    const { items } = await call<ReviewQueue>(s.core, 'review.list', { projectId: s.projectId });
    const a = items.find((i) => i.highPower.length === 1)!;
    expect(a.draft).toMatchObject({ backend: 'openai', modelName: 'llava-test', modelVersion: 'llava-test:7b-q4', fields: { why: 'why from the model', findings: 'findings from the model', highPower: 'highPower from the model' } });
  });

  it('retries a failing server and gives up with a clear error after the retries', async () => {
    await useServer({ retries: 2 });
    respond = (_r, res, n) => (n < 3 ? res.writeHead(503).end('busy') : reply(res, '{"why": "third time", "findings": "lucky", "highPower": "yes", "impression": "ok"}'));
    const { items } = await call<ReviewQueue>(s.core, 'review.list', { projectId: s.projectId });
    const r = await call<DraftResult>(s.core, 'review.draft', { projectId: s.projectId, itemIds: [items[1].id], redraft: true }, s.userId);
    expect(r.drafted).toBe(1);
    expect(received).toHaveLength(3);
    expect((await call<ReviewItem>(s.core, 'review.get', { itemId: items[1].id })).draft!.fields.why).toBe('third time');

    received = [];
    respond = (_r, res) => res.writeHead(500).end('model crashed');
    const e = await failure(s.core, 'review.draft', { projectId: s.projectId, itemIds: [items[1].id], redraft: true }, s.userId);
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('failed 3 times');
    expect(received).toHaveLength(3);
    // The earlier draft is still the item's draft.
    expect((await call<ReviewItem>(s.core, 'review.get', { itemId: items[1].id })).draft!.fields.why).toBe('third time');
  });

  it('stops with UNAVAILABLE when the server goes down part-way, keeping the drafts made before and saying so', async () => {
    await useServer({ retries: 0 });
    respond = (_r, res, n) => (n === 1 ? reply(res, '{"why": "made before the outage", "findings": "f", "highPower": "h", "impression": "i"}') : res.writeHead(503).end('down'));
    const { items } = await call<ReviewQueue>(s.core, 'review.list', { projectId: s.projectId });
    const ids = items.slice(0, 3).map((i) => i.id);
    const e = await failure(s.core, 'review.draft', { projectId: s.projectId, itemIds: ids, redraft: true }, s.userId);
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('Drafting stopped after 1 of 3 items; the 1 draft made is kept');
    // One request per item until the outage: the third item was never sent.
    expect(received).toHaveLength(2);
    const drafted = await Promise.all(ids.map((id) => call<ReviewItem>(s.core, 'review.get', { itemId: id })));
    expect(drafted.filter((d) => d.draft?.fields.why === 'made before the outage')).toHaveLength(1);
  });

  it('times out a server that does not answer', async () => {
    await useServer({ retries: 0, timeoutMs: 1000 });
    respond = () => undefined; // never answers
    const { items } = await call<ReviewQueue>(s.core, 'review.list', { projectId: s.projectId });
    const t0 = Date.now();
    const e = await failure(s.core, 'review.draft', { projectId: s.projectId, itemIds: [items[1].id], redraft: true }, s.userId);
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('did not answer within 1 s');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('asks before using a URL on another machine, and remembers the confirmation for that URL only', async () => {
    const remote = { backend: 'openai', url: 'http://10.1.2.3:8080/v1', model: 'm' };
    const e = await failure(s.core, 'review.saveSettings', remote, s.userId);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain('10.1.2.3:8080 is not this computer');
    expect((await call<DraftingSettings>(s.core, 'review.settings', {})).url).toBe(url);
    const ok = await call<DraftingSettings>(s.core, 'review.saveSettings', { ...remote, confirmRemote: true }, s.userId);
    expect(ok).toMatchObject({ remote: true, remoteConfirmed: true });
    expect(await call<DraftingSettings>(s.core, 'review.saveSettings', { ...remote, timeoutMs: 5000 }, s.userId)).toMatchObject({ remoteConfirmed: true, timeoutMs: 5000 });
    expect((await failure(s.core, 'review.saveSettings', { ...remote, url: 'https://example.org/v1' }, s.userId)).code).toBe('FORBIDDEN');
    for (const local of ['http://localhost:11434/v1', 'http://127.0.0.2:8080/v1', 'http://[::1]:8080/v1']) {
      expect(await call<DraftingSettings>(s.core, 'review.saveSettings', { ...remote, url: local }, s.userId)).toMatchObject({ remote: false, remoteConfirmed: false });
    }
    expect((await failure(s.core, 'review.saveSettings', { backend: 'openai', url: 'ftp://x', model: 'm' }, s.userId)).code).toBe('INVALID_INPUT');
    expect((await failure(s.core, 'review.saveSettings', { backend: 'openai', url: '', model: 'm' }, s.userId)).code).toBe('INVALID_INPUT');
    expect(await call<DraftingSettings>(s.core, 'review.saveSettings', { backend: 'builtin' }, s.userId)).toMatchObject({ backend: 'builtin', url: '' });
  });
});

describe('drafting as a background job', () => {
  it('reports progress and stops when cancelled, keeping the drafts already made', async () => {
    await call(s.core, 'review.saveSettings', { backend: 'builtin' }, s.userId);
    const controller = new AbortController();
    const progress: Array<{ done: number; total: number | null }> = [];
    const off = s.core.onEvent((e) => {
      if (e.type !== 'progress' || e.jobId !== 'draft-job') return;
      progress.push({ done: e.done, total: e.total });
      if (e.done >= 1) controller.abort();
    });
    const env = await s.core.invoke('review.draft', { projectId: s.projectId, redraft: true }, { actorId: s.userId, jobId: 'draft-job', signal: controller.signal });
    off();
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('CANCELLED');
      expect(env.error.message).toMatch(/after [1-2] of 3 items \(those drafts are kept\)/);
    }
    expect(progress[0]).toEqual({ done: 0, total: 3 });
    const { items } = await call<ReviewQueue>(s.core, 'review.list', { projectId: s.projectId });
    expect(items.filter((i) => i.draft?.backend === 'builtin').length).toBeGreaterThanOrEqual(1);
    expect(items.filter((i) => i.draft?.backend === 'builtin').length).toBeLessThan(3);
  });
});
