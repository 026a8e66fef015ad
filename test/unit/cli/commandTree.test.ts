import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../electron/cli/program';

function leaves(c: Command, path: string[] = []): Array<{ path: string[]; command: Command }> {
  return c.commands.flatMap((s) => (s.commands.length ? leaves(s, [...path, s.name()]) : [{ path: [...path, s.name()], command: s }]));
}

describe('the sightline command tree', () => {
  const all = leaves(buildProgram());

  it('holds the commands the README lists, nested ones included', () => {
    const names = all.map((l) => l.path.join(' '));
    for (const n of ['serve', 'doctor', 'info', 'region', 'events export', 'events import', 'metrics', 'behavior', 'annotations import', 'propose', 'models add', 'train roi', 'export pathology-cot', 'vad', 'video export', 'agreement']) {
      expect(names).toContain(n);
    }
  });

  it('gives every command, at every depth, a description, a usage line and --json', () => {
    for (const { path, command } of all) {
      const name = path.join(' ');
      expect(command.description().length, name).toBeGreaterThan(10);
      expect(command.helpInformation(), name).toMatch(new RegExp(`^Usage: sightline ${name}\\b`));
      expect(command.options.map((o) => o.long), name).toContain('--json');
    }
  });
});
