import { OSD_MOBILE_CSS_HASH } from '../../shared/security/cspHashes';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE_NAME = 'sightline_session';

export function newLaunchToken(): string {
  return randomBytes(32).toString('hex');
}

/** The cookie carries a value derived from the launch token, not the token itself. */
export function cookieValueFor(token: string): string {
  return createHmac('sha256', token).update('sightline-session-cookie').digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]);
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Every request: the Host must be this loopback server (DNS-rebinding defence), a browser's Origin must be ours
 * (no cross-site calls, no CORS), and the launch token must come as a bearer header, a query parameter on /auth,
 * or the session cookie.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string, queryToken: string | null): Verdict {
  const host = req.headers.host ?? '';
  if (!allowedHosts(port).has(host.toLowerCase())) return { ok: false, status: 403, reason: 'Host header is not this loopback server.' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) return { ok: false, status: 403, reason: 'Requests from other origins are refused.' };
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return { ok: false, status: 403, reason: 'Cross-site requests are refused.' };
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && safeEqual(auth.slice(7).trim(), token)) return { ok: true };
  if (queryToken !== null && safeEqual(queryToken, token)) return { ok: true };
  const cookie = readCookie(req, COOKIE_NAME);
  if (cookie !== null && safeEqual(cookie, cookieValueFor(token))) return { ok: true };
  return { ok: false, status: 401, reason: 'Missing or wrong token. Open the URL that `sightline serve` printed (it carries the token).' };
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${OSD_MOBILE_CSS_HASH}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
