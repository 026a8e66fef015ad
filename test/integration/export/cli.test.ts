import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/tempCore';
import { readJsonl, reviewedProject } from './exportSetup';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/sightline.mjs', import.meta.url));

async function sightline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

let dataDir: string;
let projectId: number;
beforeAll(async () => {
  const s = await reviewedProject();
  dataDir = s.dataDir;
  projectId = s.projectId;
  s.core.close();
});

describe('sightline export pathology-cot', () => {
  it('exports with --include rejected and prints the counts as JSON', async () => {
    const out = join(tempDir('sightline-cli-export-'), 'ds');
    const r = await sightline('export', 'pathology-cot', '--project', String(projectId), '--out', out, '--include', 'rejected', '--data-dir', dataDir, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, cases: 2, regions: 4, highPowerCrops: 2, manifestLines: 6, rejectedIncluded: 1, deidentified: true });
    expect(readJsonl<{ decision: string }>(join(out, 'manifest.jsonl')).filter((l) => l.decision === 'reject')).toHaveLength(1);
  });

  it('prints a summary line without --json', async () => {
    const out = join(tempDir('sightline-cli-export-'), 'ds');
    const r = await sightline('export', 'pathology-cot', '--project', String(projectId), '--out', out, '--data-dir', dataDir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`2 cases, 3 regions, 2 high-power crops, 9 images written to ${out}`);
    expect(r.stdout).toContain('3 identifiers removed from texts');
  });

  it('says what is wrong in one line and exits non-zero', async () => {
    const bad = await sightline('export', 'pathology-cot', '--project', 'abc', '--out', '/tmp/x', '--data-dir', dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual(['sightline: --project must be a positive whole number, not "abc".']);
    const inc = await sightline('export', 'pathology-cot', '--project', String(projectId), '--out', '/tmp/x', '--include', 'everything', '--data-dir', dataDir, '--json');
    expect(inc.code).toBe(1);
    expect(JSON.parse(inc.stdout)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '--include takes "rejected", not "everything".' } });
    const missing = await sightline('export', 'pathology-cot', '--project', '42', '--out', join(tempDir(), 'ds'), '--data-dir', dataDir, '--json');
    expect(JSON.parse(missing.stdout).error.code).toBe('NOT_FOUND');
    const exists = await sightline('export', 'pathology-cot', '--project', String(projectId), '--out', dataDir, '--data-dir', dataDir);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain('already exists and is not empty');
    expect(existsSync(`${dataDir}.partial`)).toBe(false);
  });
});
