import type { Command } from 'commander';
import { runDoctor } from '../../core/system/doctor';
import { printJson } from '../output';
import Database from 'better-sqlite3';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('Report what this machine has for Sightline: Node, SQLite, ONNX Runtime, Chromium, Electron.')
    .option('--json', 'print the checks as JSON')
    .action(async (opts: { json?: boolean }) => {
      let db: Database.Database | null = null;
      try {
        db = new Database(':memory:');
      } catch {
        db = null;
      }
      const checks = await runDoctor(db);
      db?.close();
      if (opts.json) return printJson({ checks });
      for (const c of checks) {
        process.stdout.write(`${c.ok ? 'ok  ' : 'no  '} ${c.name.padEnd(24)} ${(c.version ?? '-').padEnd(28)} ${c.detail}\n`);
      }
    });
}
