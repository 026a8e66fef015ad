import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, serveProcess, type ServedApp } from '../../support/serveProcess';
import { httpRequest } from '../../support/httpRequest';
import { tempDir } from '../../support/tempCore';

let app: ServedApp;
beforeAll(async () => {
  app = await serveProcess(tempDir());
});
afterAll(async () => {
  await app.stop();
});

describe('sightline serve', () => {
  it('prints a 127.0.0.1 URL with the token; without the token a request gets 401, with a foreign Host 403', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?token=[0-9a-f]{64}$/);
    expect((await httpRequest(app.port, '/')).status).toBe(401);
    expect((await httpRequest(app.port, '/', { headers: { Host: 'attacker.example', Authorization: `Bearer ${app.token}` } })).status).toBe(403);
    expect((await httpRequest(app.port, '/api/call/system.info', { method: 'POST', headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(200);
  });

  it('refuses a second server on the same data folder with a clear message', async () => {
    const second = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', JSON.parse(await infoOf(app)).dataDir], { encoding: 'utf8', timeout: 30_000 });
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/Another Sightline .* is using/);
  });

  it('rejects a bad --port with one line on stderr', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--port', 'eighty'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('sightline: --port must be a number from 0 to 65535, not "eighty".');
  });
});

async function infoOf(a: ServedApp): Promise<string> {
  const r = await httpRequest(a.port, '/api/call/system.info', { method: 'POST', headers: { Authorization: `Bearer ${a.token}`, 'Content-Type': 'application/json' }, body: '{}' });
  return JSON.stringify(JSON.parse(r.body).value);
}

describe('sightline doctor and --help', () => {
  it('reports Node, SQLite, ONNX Runtime, Chromium and Electron as JSON', () => {
    const out = JSON.parse(execFileSync(process.execPath, [BIN, 'doctor', '--json'], { encoding: 'utf8', timeout: 60_000 }));
    expect(out.checks.map((c: { name: string }) => c.name)).toEqual(['Node.js', 'SQLite (better-sqlite3)', 'ONNX Runtime', 'OpenSlide', 'Chromium', 'Electron']);
    expect(out.checks.find((c: { name: string }) => c.name === 'SQLite (better-sqlite3)').ok).toBe(true);
    expect(out.checks.find((c: { name: string }) => c.name === 'ONNX Runtime').ok).toBe(true);
  });

  it('answers --help on a top-level and on a nested subcommand (the whole tree is walked in a unit test)', () => {
    const top = execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(top).toMatch(/^ {2}serve \[options\]/m);
    const nested = execFileSync(process.execPath, [BIN, 'events', 'import', '--help'], { encoding: 'utf8' });
    expect(nested).toMatch(/^Usage: sightline events import/);
    expect(nested).toMatch(/--json/);
  });
});
