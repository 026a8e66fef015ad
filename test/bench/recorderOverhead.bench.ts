// Recorder overhead on the viewer's frame time during continuous panning, in Chromium, recording on vs off.
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slideFixture } from '../fixtures/slides/generate';
import { serveProcess } from '../support/serveProcess';
import type { Bench } from './benchTypes';

async function api(app: { origin: string; token: string }, name: string, input: unknown, actor?: number): Promise<{ id: number }> {
  const res = await fetch(`${app.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json', ...(actor ? { 'X-Sightline-Actor': String(actor) } : {}) },
    body: JSON.stringify({ input }),
  });
  const env = (await res.json()) as { ok: boolean; value: { id: number }; error?: { message: string } };
  if (!env.ok) throw new Error(env.error?.message);
  return env.value;
}

/** Pans in circles for `ms` while the page collects requestAnimationFrame intervals; returns the mean frame time. */
async function panFrameTime(page: Page, ms: number): Promise<number> {
  const box = (await page.getByTestId('slide-viewer').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // Strings, not functions: tsx's transform would add helpers the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const t0 = Date.now();
  let a = 0;
  while (Date.now() - t0 < ms) {
    a += 0.15;
    await page.mouse.move(cx + Math.cos(a) * 150, cy + Math.sin(a) * 100);
  }
  await page.mouse.up();
  const frames = (await page.evaluate(`(() => { window.__stop = true; return window.__frames.slice(5); })()`)) as number[];
  return frames.reduce((s, f) => s + f, 0) / frames.length;
}

const bench: Bench = {
  name: 'Recorder overhead on viewer frame time (Chromium, continuous panning)',
  async run() {
    const path = await slideFixture('aperio-jpeg.svs');
    const app = await serveProcess(mkdtempSync(join(tmpdir(), 'sightline-bench-')));
    const user = await api(app, 'profiles.create', { name: 'Bench', role: 'pathologist' });
    const project = await api(app, 'projects.create', { name: 'Bench' }, user.id);
    const c = await api(app, 'cases.create', { projectId: project.id, name: 'Case' }, user.id);
    await api(app, 'files.add', { caseId: c.id, path }, user.id);
    const browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(app.url);
      await page.getByRole('button', { name: /^Bench/ }).click();
      const results: Record<string, number[]> = { on: [], off: [] };
      // Alternate modes so drift on a busy machine hits both alike.
      for (const round of [0, 1, 2]) {
        for (const mode of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
          await page.evaluate(`localStorage.setItem('sightline.recordNavigation', '${mode}')`);
          await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'aperio-jpeg.svs' }).click();
          await page.getByTestId('slide-viewer').locator('canvas').first().waitFor();
          await page.waitForTimeout(1500);
          results[mode].push(await panFrameTime(page, 3000));
          await page.getByRole('button', { name: '← Library' }).click();
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const on = median(results.on);
      const off = median(results.off);
      const overhead = (on / off - 1) * 100;
      return [
        { name: 'mean frame time, recording off', value: off, unit: 'ms' },
        { name: 'mean frame time, recording on', value: on, unit: 'ms', baseline: { name: 'recording off', value: off } },
        { name: 'recorder overhead', value: overhead, unit: '%', target: '≤ 5 %', met: overhead <= 5 },
      ];
    } finally {
      await browser.close();
      await app.stop();
    }
  },
};
export default bench;
