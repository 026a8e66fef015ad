import type { EffectiveCommand } from '../../../../shared/contract';

export function formatSeconds(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)}:${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} min`;
}

export function formatBin(m: number): string {
  return `${m}×`;
}

const PROVENANCE: Record<EffectiveCommand['provenance'], string> = { derived: 'recorded', edited: 'edited', added: 'added' };

/** One line for a command: what it is, how long, how often, where from. */
export function describeCommand(c: EffectiveCommand): string {
  const parts = [`${c.kind} ${formatBin(c.magnification)}`];
  if (c.duration !== null) parts.push(formatSeconds(c.duration));
  if (c.visits > 0) parts.push(`${c.visits} visit${c.visits === 1 ? '' : 's'}`);
  parts.push(c.deleted ? 'deleted' : PROVENANCE[c.provenance]);
  return parts.join(' · ');
}

/** Commands in list order: each inspect followed by the peeks paired with it; deleted ones where they were. */
export function nestCommands(all: readonly EffectiveCommand[]): Array<{ command: EffectiveCommand; children: EffectiveCommand[] }> {
  const childrenOf = new Map<string, EffectiveCommand[]>();
  for (const c of all) if (c.parentKey) childrenOf.set(c.parentKey, [...(childrenOf.get(c.parentKey) ?? []), c]);
  return all.filter((c) => !c.parentKey).map((command) => ({ command, children: childrenOf.get(command.key) ?? [] }));
}
