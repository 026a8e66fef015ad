import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  immutable: boolean;
}

/** Serves the built renderer; unknown paths fall back to index.html (the UI routes itself). */
export function readStatic(rootDir: string, urlPath: string): StaticFile | null {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const full = join(rootDir, clean);
  if (!full.startsWith(rootDir + sep) && full !== rootDir) return null;
  const target = existsSync(full) && statSync(full).isFile() ? full : join(rootDir, 'index.html');
  if (!existsSync(target)) return null;
  return {
    body: readFileSync(target),
    type: TYPES[extname(target)] ?? 'application/octet-stream',
    immutable: target.includes(`${sep}assets${sep}`),
  };
}
