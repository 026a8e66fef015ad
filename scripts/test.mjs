// `npm test`: lint, type-check, unit, integration and end-to-end tests, in that order; every stage runs,
// and the last line sums up the test counts ("N passed, M failed").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const stages = [
  { name: 'lint', cmd: [npx, 'eslint', '--max-warnings=0', '.'] },
  { name: 'typecheck', cmd: [npx, 'tsc', '-p', 'tsconfig.node.json'] },
  { name: 'typecheck (renderer)', cmd: [npx, 'tsc', '-p', 'tsconfig.web.json'] },
  { name: 'typecheck (tests)', cmd: [npx, 'tsc', '-p', 'tsconfig.test.json'] },
  { name: 'unit', cmd: [npx, 'vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'], report: 'test-results/unit.json' },
  {
    name: 'integration',
    cmd: [npx, 'vitest', 'run', '--project', 'integration', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/integration.json'],
    report: 'test-results/integration.json',
  },
  { name: 'build renderer', cmd: [npx, 'vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'] },
  { name: 'end-to-end', cmd: [npx, 'playwright', 'test', '-c', 'test/e2e/playwright.config.ts'], report: 'test-results/e2e.json', playwright: true },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const s of stages) {
  if (only.length && !only.some((o) => s.name.startsWith(o))) continue;
  if (s.report) rmSync(s.report, { force: true });
  process.stdout.write(`\n=== ${s.name}\n`);
  const t0 = Date.now();
  const r = spawnSync(s.cmd[0], s.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) failures.push(s.name);
  if (s.report && existsSync(s.report)) {
    const j = JSON.parse(readFileSync(s.report, 'utf8'));
    if (s.playwright) {
      passed += j.stats.expected + j.stats.flaky;
      failed += j.stats.unexpected;
      skipped += j.stats.skipped;
    } else {
      passed += j.numPassedTests;
      failed += j.numFailedTests;
      skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    }
  } else if (s.report && r.status !== 0) {
    failed += 1;
  }
  process.stdout.write(`=== ${s.name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${secs} s)\n`);
}
if (failures.length) process.stdout.write(`\nFailed stages: ${failures.join(', ')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failures.length ? 1 : 0);
