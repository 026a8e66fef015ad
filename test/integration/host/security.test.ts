import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../../electron/core/createCore';
import { startHost, type Host } from '../../../electron/host/server';
import { httpRequest } from '../../support/httpRequest';
import { tempCore, tempDir } from '../../support/tempCore';

let core: Core;
let host: Host;
let cookie: string;
const host_ = () => `127.0.0.1:${host.port}`;

beforeAll(async () => {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sightline</title>');
  core = tempCore();
  host = await startHost({ core, rendererDir });
  const auth = await httpRequest(host.port, `/auth?token=${host.token}`, { headers: { Host: host_() } });
  cookie = String(auth.headers['set-cookie']).split(';')[0];
});
afterAll(async () => {
  await host.close();
  core.close();
});

function callApi(headers: Record<string, string>) {
  return httpRequest(host.port, '/api/call/profiles.list', { method: 'POST', headers: { 'Content-Type': 'application/json', Host: host_(), ...headers }, body: '{}' });
}

describe('browser-mode host security', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
  });

  it('refuses a request without the token (401) on every route', async () => {
    for (const path of ['/', '/index.html', '/assets/x.js', '/res/slides/1/thumbnail.jpg']) {
      expect((await httpRequest(host.port, path, { headers: { Host: host_() } })).status).toBe(401);
    }
    expect((await callApi({})).status).toBe(401);
    expect((await callApi({ Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await httpRequest(host.port, '/auth?token=wrong', { headers: { Host: host_() } })).status).toBe(401);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    for (const h of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '192.168.1.10']) {
      const res = await callApi({ Host: h, Authorization: `Bearer ${host.token}` });
      expect(res.status, h).toBe(403);
    }
  });

  it('refuses requests from another origin even with a valid cookie', async () => {
    expect((await callApi({ Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await callApi({ Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const own = await callApi({ Cookie: cookie, Origin: host.origin });
    expect(own.status).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie that opens the app', async () => {
    const auth = await httpRequest(host.port, `/auth?token=${host.token}`, { headers: { Host: host_() } });
    expect(auth.status).toBe(302);
    const setCookie = String(auth.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(host.token);
    const page = await httpRequest(host.port, '/', { headers: { Host: host_(), Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers API calls with a bearer token, and refuses non-JSON bodies', async () => {
    const res = await callApi({ Authorization: `Bearer ${host.token}` });
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
    const form = await httpRequest(host.port, '/api/call/profiles.list', {
      method: 'POST',
      headers: { Host: host_(), Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(form.status).toBe(415);
  });

  it('refuses a WebSocket without the token or from another origin, and pushes events with it', async () => {
    const url = `ws://127.0.0.1:${host.port}/api/events`;
    const refused = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await refused({})).toBe(401);
    expect(await refused({ Cookie: cookie, Origin: 'http://evil.example' })).toBe(403);
    expect(await refused({ Cookie: cookie, Host: 'evil.example' })).toBe(403);

    const ws = new WebSocket(url, { headers: { Cookie: cookie, Origin: host.origin } });
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<string>((r) => ws.on('message', (m) => r(String(m))));
    const me = JSON.parse((await httpRequest(host.port, '/api/call/profiles.create', {
      method: 'POST', headers: { Host: host_(), Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ input: { name: 'Ada', role: 'pathologist' } }),
    })).body).value;
    const p = JSON.parse((await httpRequest(host.port, '/api/call/projects.create', {
      method: 'POST', headers: { Host: host_(), Cookie: cookie, 'Content-Type': 'application/json', 'X-Sightline-Actor': String(me.id) }, body: JSON.stringify({ input: { name: 'P' } }),
    })).body).value;
    await httpRequest(host.port, '/api/call/cases.create', {
      method: 'POST', headers: { Host: host_(), Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ input: { projectId: p.id, name: 'C' } }),
    });
    expect(JSON.parse(await got)).toMatchObject({ type: 'library-changed' });
    ws.close();
  });

  it('stores an upload in the data folder and adds it to the case; refuses an unsupported one without keeping it', async () => {
    const headers = { Host: host_(), Cookie: cookie, 'Content-Type': 'application/octet-stream' };
    const up = await httpRequest(host.port, '/api/upload?caseId=1&name=scan.png', { method: 'PUT', headers, body: Buffer.from('png-ish bytes') });
    const env = JSON.parse(up.body);
    expect(env).toMatchObject({ ok: true, value: { name: 'scan.png', kind: 'slide', managed: true } });
    expect(env.value.path.startsWith(core.filesDir)).toBe(true);
    const bad = JSON.parse((await httpRequest(host.port, '/api/upload?caseId=1&name=..%2F..%2Fevil.txt', { method: 'PUT', headers, body: 'x' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FILE' } });
    // A Deep Zoom index without its tiles folder would be added and then fail to show: it is refused with the way out.
    const before = readdirSync(core.filesDir).length;
    const dzi = JSON.parse((await httpRequest(host.port, '/api/upload?caseId=1&name=scan.dzi', { method: 'PUT', headers, body: '<Image/>' })).body);
    expect(dzi).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FILE' } });
    expect(dzi.error.message).toMatch(/scan_files.*path/);
    expect(readdirSync(core.filesDir)).toHaveLength(before);
  });
});
