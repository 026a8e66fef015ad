import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../electron/core/context';
import { etagMatches } from '../../../electron/core/resources/conditional';
import { serveResource, type ResourceHandler, type ResourceResponse } from '../../../electron/core/resources/resources';

const deps = {} as CoreDeps;
const tile = (extra: Record<string, string> = {}): ResourceResponse => ({
  status: 200,
  headers: { 'Content-Type': 'image/jpeg', 'Content-Length': '3', 'Cache-Control': 'private, max-age=86400', ETag: '"v1"', ...extra },
  body: Buffer.from([0xff, 0xd8, 0xff]),
});
const serving = (make: () => ResourceResponse): ResourceHandler[] => [{ prefix: 'slides/', handle: async () => make() }];
const get = (handlers: ResourceHandler[], ifNoneMatch?: string) =>
  serveResource(handlers, 'slides/1/tile/0/0_0.jpg', deps, new AbortController().signal, { 'if-none-match': ifNoneMatch });

describe('conditional resource requests (both doors)', () => {
  it('answers 304 with an empty body when If-None-Match names the resource’s ETag, keeping its cache headers', async () => {
    const r = await get(serving(() => tile()), '"v1"');
    expect(r.status).toBe(304);
    expect(r.body).toEqual(Buffer.alloc(0));
    expect(r.headers).toEqual({ ETag: '"v1"', 'Cache-Control': 'private, max-age=86400' });
  });

  it('answers 200 when the ETag differs, is missing, or nothing is asked; never turns an error into 304', async () => {
    expect((await get(serving(() => tile()), '"v0"')).status).toBe(200);
    expect((await get(serving(() => tile()))).status).toBe(200);
    expect((await get(serving(() => tile({ ETag: '' })), '"v1"')).status).toBe(200);
    expect((await get(serving(() => ({ status: 404, headers: { ETag: '"v1"' }, body: Buffer.from('gone') })), '"v1"')).status).toBe(404);
  });

  it('compares weakly, accepts a list and *', () => {
    expect(etagMatches('"a", "v1"', '"v1"')).toBe(true);
    expect(etagMatches('W/"v1"', '"v1"')).toBe(true);
    expect(etagMatches('"v1"', 'W/"v1"')).toBe(true);
    expect(etagMatches('*', '"anything"')).toBe(true);
    expect(etagMatches('"v2"', '"v1"')).toBe(false);
    expect(etagMatches(undefined, '"v1"')).toBe(false);
  });

  it('closes a streamed body (a video range) it does not send', async () => {
    const body = Readable.from([Buffer.from('video bytes')]);
    const r = await get(serving(() => ({ status: 206, headers: { ETag: '"v1"', 'Content-Range': 'bytes 0-10/99' }, body })), '"v1"');
    expect(r.status).toBe(304);
    expect(body.destroyed).toBe(true);
  });
});
