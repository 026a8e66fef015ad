import type { ResourceResponse } from './resources';

/** If-None-Match against an ETag, compared weakly (as for GET): true when the client's copy is current. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

// What a 304 repeats of the 200 it stands for (RFC 9110, 15.4.5).
const NOT_MODIFIED_HEADERS = ['cache-control', 'content-location', 'etag', 'expires', 'vary'];

/**
 * A resource the client already has (If-None-Match names its ETag) is answered 304 with an empty body, for both
 * doors alike. Preconditions come before Range, so a 206 counts; an error never becomes a 304.
 */
export function conditional(r: ResourceResponse, ifNoneMatch: string | undefined): ResourceResponse {
  const etag = Object.entries(r.headers).find(([k]) => k.toLowerCase() === 'etag')?.[1];
  if ((r.status !== 200 && r.status !== 206) || !etagMatches(ifNoneMatch, etag)) return r;
  if (!Buffer.isBuffer(r.body)) r.body.destroy();
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => NOT_MODIFIED_HEADERS.includes(k.toLowerCase())));
  return { status: 304, headers, body: Buffer.alloc(0) };
}
