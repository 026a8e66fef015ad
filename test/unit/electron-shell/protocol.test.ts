import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/createCore';
import type { ResourceRequestHeaders } from '../../../electron/core/resources/resources';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, toFetchHandler, type AppProtocolDeps } from '../../../electron/main/protocol';
import { appContentSecurityPolicy } from '../../../electron/main/security';
import { slideFixture } from '../../fixtures/slides/generate';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>';
let base: string;
let rendererDir: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'sightline-protocol-'));
  rendererDir = join(base, 'app', 'dist', 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log("ui")');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  // Files next to (outside) the renderer folder that traversal would try to reach.
  writeFileSync(join(base, 'app', 'secret.txt'), 'TOP SECRET');
  writeFileSync(join(base, 'app', 'dist', 'secret.txt'), 'TOP SECRET');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const noResources: AppProtocolDeps['resource'] = async () => {
  throw new Error('no resource expected');
};
const get = (url: string, resource = noResources, method = 'GET') => createAppProtocolHandler({ rendererDir, resource })({ url, method });

describe('app:// scheme registration', () => {
  it('is a standard, secure scheme that supports fetch and streaming', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, stream: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).not.toBe(true);
  });
});

describe('app:// protocol: the built renderer', () => {
  it('serves index.html with the CSP and nosniff', async () => {
    const r = await get('app://sightline/index.html');
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toMatch(/^text\/html/);
    expect(r.headers['Content-Security-Policy']).toBe(appContentSecurityPolicy());
    expect(r.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(r.body!.toString()).toBe(INDEX);
  });

  it('serves assets with their type and without a CSP header', async () => {
    const js = await get('app://sightline/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers['Content-Type']).toMatch(/^text\/javascript/);
    expect(js.headers['Content-Security-Policy']).toBeUndefined();
    expect(js.body!.toString()).toBe('console.log("ui")');
    expect((await get('app://sightline/assets/index-abc.css')).headers['Content-Type']).toMatch(/^text\/css/);
  });

  it('answers the root and UI routes with index.html (the UI routes itself)', async () => {
    for (const url of ['app://sightline/', 'app://sightline', 'app://sightline/library', 'app://sightline/review/3?tab=drafts']) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect(r.body!.toString(), url).toBe(INDEX);
      expect(r.headers['Content-Security-Policy'], url).toBe(appContentSecurityPolicy());
    }
  });

  it('answers a missing asset with 404, never with HTML', async () => {
    const r = await get('app://sightline/assets/missing-123.js');
    expect(r.status).toBe(404);
    expect(r.headers['Content-Type']).toMatch(/^text\/plain/);
  });

  it('refuses path traversal in every spelling and never returns the file outside', async () => {
    const attempts = [
      'app://sightline/..%2fsecret.txt',
      'app://sightline/..%2F..%2Fsecret.txt',
      'app://sightline/assets/..%2f..%2fsecret.txt',
      'app://sightline/..%5c..%5csecret.txt',
      'app://sightline/%2e%2e/%2e%2e/secret.txt',
      'app://sightline/../../secret.txt',
      'app://sightline/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    ];
    for (const url of attempts) {
      const r = await get(url);
      expect(r.body?.toString() ?? '', url).not.toContain('TOP SECRET');
      expect([403, 404], url).toContain(r.status);
    }
    expect((await get('app://sightline/..%2fsecret.txt')).status).toBe(403);
  });

  it('refuses malformed escapes and NUL bytes with 400', async () => {
    expect((await get('app://sightline/%E0%A4%A')).status).toBe(400);
    expect((await get('app://sightline/index.html%00.js')).status).toBe(400);
  });

  it('serves only app://sightline (other hosts, ports, credentials are refused)', async () => {
    for (const url of ['app://other/index.html', 'app://sightline:81/index.html', 'app://x@sightline/index.html']) {
      expect((await get(url)).status, url).toBe(403);
    }
  });

  it('accepts GET and HEAD only; HEAD has headers but no body', async () => {
    expect((await get('app://sightline/index.html', noResources, 'POST')).status).toBe(405);
    const head = await get('app://sightline/index.html', noResources, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers['Content-Security-Policy']).toBe(appContentSecurityPolicy());
  });

  it('tells the user to build the UI when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sightline-nobuild-'));
    try {
      const r = await createAppProtocolHandler({ rendererDir: empty, resource: noResources })({ url: 'app://sightline/index.html', method: 'GET' });
      expect(r.status).toBe(503);
      expect(r.body!.toString()).toMatch(/npm run build/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('app:// protocol: /res/ resources', () => {
  it('delegates app://sightline/res/<path> to the core with the decoded path', async () => {
    const seen: string[] = [];
    const resource: AppProtocolDeps['resource'] = async (path) => {
      seen.push(path);
      return { status: 200, headers: { 'Content-Type': 'image/jpeg' }, body: Buffer.from([0xff, 0xd8, 0xff]) };
    };
    const r = await get('app://sightline/res/slides/12/tiles/3/4_5.jpeg', resource);
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('image/jpeg');
    expect([...(r.body as Buffer)]).toEqual([0xff, 0xd8, 0xff]);
    await get('app://sightline/res/thumbs/a%20b.png', resource);
    expect(seen).toEqual(['slides/12/tiles/3/4_5.jpeg', 'thumbs/a b.png']);
  });

  it('turns a failing resource into a 500 with the reason', async () => {
    const r = await get('app://sightline/res/slides/1/x.jpeg', async () => {
      throw new Error('slide file vanished');
    });
    expect(r.status).toBe(500);
    expect(r.body!.toString()).toMatch(/slide file vanished/);
  });

  describe('with the real core', () => {
    let core: Core;
    let dataDir: string;
    afterEach(() => {
      core?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('passes the core’s 404 for an unknown resource through', async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'sightline-protocol-core-'));
      core = createCore({ dataDir, door: 'electron', version: 'test' });
      const r = await get('app://sightline/res/nothing-here/1', (p, s, h) => core.resource(p, s, h));
      expect(r.status).toBe(404);
      expect(r.body!.toString()).toMatch(/No resource at nothing-here\/1/);
    });

    it('serves a real slide tile with its cache headers, and 304 when the window already has it', async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'sightline-protocol-core-'));
      core = createCore({ dataDir, door: 'electron', version: 'test' });
      const call = async <T>(name: string, input: unknown) => {
        const env = await core.invoke(name, input, { actorId: null });
        if (!env.ok) throw new Error(`${name}: ${env.error.message}`);
        return env.value as T;
      };
      const project = await call<{ id: number }>('projects.create', { name: 'Tiles' });
      const kase = await call<{ id: number }>('cases.create', { projectId: project.id, name: 'Case' });
      const slide = await call<{ id: number }>('files.add', { caseId: kase.id, path: await slideFixture('pyramid-jpeg.tif') });
      const fetchApp = toFetchHandler(createAppProtocolHandler({ rendererDir, resource: (p, s, h) => core.resource(p, s, h) }));
      const url = `app://sightline/res/slides/${slide.id}/tile/11/0_0.jpg`;

      const first = await fetchApp(new Request(url));
      expect(first.status).toBe(200);
      expect(Object.fromEntries(first.headers)).toMatchObject({
        'content-type': 'image/jpeg',
        'cache-control': 'private, max-age=86400',
        etag: expect.stringMatching(/^".+"$/),
        'x-content-type-options': 'nosniff',
      });
      expect(Buffer.from(await first.arrayBuffer()).subarray(0, 3).toString('hex')).toBe('ffd8ff');
      const etag = first.headers.get('etag')!;

      const again = await fetchApp(new Request(url, { headers: { 'If-None-Match': etag } }));
      expect(again.status).toBe(304);
      expect(again.body).toBeNull();
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toBe('private, max-age=86400');
      expect((await fetchApp(new Request(url, { headers: { 'If-None-Match': '"older"' } }))).status).toBe(200);
      expect((await fetchApp(new Request(`app://sightline/res/slides/${slide.id}/tile/11/0_0.jpg`, { headers: { 'If-None-Match': `W/${etag}` } }))).status).toBe(304);
    }, 60_000);
  });
});

describe('app:// protocol: conditional requests', () => {
  it('sends the core’s 304 without a body and closes a streamed body it does not send', async () => {
    const body = Readable.from([Buffer.from('video bytes')]);
    const handler = createAppProtocolHandler({ rendererDir, resource: async () => ({ status: 304, headers: { ETag: '"v1"' }, body }) });
    const r = await handler({ url: 'app://sightline/res/videos/1/media', method: 'GET', headers: { 'if-none-match': '"v1"' } });
    expect(r.status).toBe(304);
    expect(r.body).toBeNull();
    expect(r.headers).toMatchObject({ ETag: '"v1"', 'X-Content-Type-Options': 'nosniff' });
    expect(body.destroyed).toBe(true);
  });
});

describe('app:// protocol: the fetch side Electron calls (protocol.handle)', () => {
  it('hands Range and If-None-Match from the Request to the resource and streams its body back', async () => {
    const seen: ResourceRequestHeaders[] = [];
    const fetchApp = toFetchHandler(
      createAppProtocolHandler({
        rendererDir,
        resource: async (_path, _signal, headers) => {
          seen.push(headers ?? {});
          return { status: 206, headers: { 'Content-Type': 'video/webm', 'Content-Range': 'bytes 2-4/10' }, body: Readable.from([Buffer.from('abc')]) };
        },
      }),
    );
    const r = await fetchApp(new Request('app://sightline/res/videos/1/media', { headers: { Range: 'bytes=2-4', 'If-None-Match': '"x"', Cookie: 'no' } }));
    expect(seen).toEqual([{ range: 'bytes=2-4', 'if-none-match': '"x"' }]);
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await r.text()).toBe('abc');
  });

  it('passes no headers the request did not have, and answers HEAD without a body', async () => {
    const seen: ResourceRequestHeaders[] = [];
    const fetchApp = toFetchHandler(
      createAppProtocolHandler({
        rendererDir,
        resource: async (_path, _signal, headers) => {
          seen.push(headers ?? {});
          return { status: 200, headers: { 'Content-Type': 'image/jpeg' }, body: Buffer.from([1, 2, 3]) };
        },
      }),
    );
    expect(await (await fetchApp(new Request('app://sightline/res/slides/1/thumbnail.jpg'))).arrayBuffer()).toEqual(new Uint8Array([1, 2, 3]).buffer);
    expect(seen).toEqual([{ range: undefined, 'if-none-match': undefined }]);
    const head = await fetchApp(new Request('app://sightline/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers.get('content-security-policy')).toBe(appContentSecurityPolicy());
  });
});
