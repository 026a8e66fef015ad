import { pairSegments, type BehaviorCommand, type BehaviorConfig, type Box, type CommandKind, type Segment } from '../../../shared/behavior';
import type { CommandEdit, EffectiveCommand } from '../../../shared/contract';

/** The kind the pipeline would give a command at this magnification. */
export function kindFor(magnification: number, config: Pick<BehaviorConfig, 'peekMinMagnification'>): CommandKind {
  return magnification >= config.peekMinMagnification ? 'peek' : 'inspect';
}

const sameLook = (a: BehaviorCommand, b: BehaviorCommand) => a.kind === b.kind && a.magnification === b.magnification && a.start === b.start;

/**
 * The derived command an edit made on `snapshot` (then numbered `derivedId`) refers to now. Commands are matched by
 * their first visit, kind and magnification, so an edit made while the session was still recording stays on its
 * command when later navigation renumbers the list; null when that command is no longer derived.
 */
export function findEditedCommand(derived: readonly BehaviorCommand[], derivedId: number, snapshot: BehaviorCommand): BehaviorCommand | null {
  const byId = derived.find((c) => c.id === derivedId);
  if (byId && sameLook(byId, snapshot)) return byId;
  return derived.find((c) => sameLook(c, snapshot)) ?? null;
}

/**
 * Derived commands with the reviewer's edits in force applied, oldest edit first. Deleted commands stay in the list,
 * flagged; an edit whose command is gone (an undone add, a command no longer derived) has no effect. Peeks are paired
 * again with the inspects not deleted, by the pipeline's own rule.
 */
export function applyEdits(derived: readonly BehaviorCommand[], edits: readonly CommandEdit[], config: Pick<BehaviorConfig, 'pairMinInside'>): EffectiveCommand[] {
  const entries = new Map<string, EffectiveCommand>();
  for (const c of derived) {
    entries.set(`d${c.id}`, {
      key: `d${c.id}`,
      number: c.id,
      provenance: 'derived',
      deleted: false,
      derivedId: c.id,
      addedId: null,
      editId: null,
      kind: c.kind,
      magnification: c.magnification,
      box: [...c.box] as Box,
      start: c.start,
      duration: c.duration,
      visits: c.visits,
      parentKey: null,
      parentNumber: null,
      original: null,
      editedBy: null,
      editedAt: null,
    });
  }
  let added = 0;
  for (const e of [...edits].sort((a, b) => a.id - b.id)) {
    if (e.reverted) continue;
    if (e.action === 'add') {
      added++;
      entries.set(`a${e.id}`, {
        key: `a${e.id}`,
        number: derived.length + added,
        provenance: 'added',
        deleted: false,
        derivedId: null,
        addedId: e.id,
        editId: e.id,
        kind: e.kind!,
        magnification: e.magnification!,
        box: [...e.box!] as Box,
        start: null,
        duration: null,
        visits: 0,
        parentKey: null,
        parentNumber: null,
        original: null,
        editedBy: e.authorName,
        editedAt: e.createdAt,
      });
      continue;
    }
    let entry: EffectiveCommand | undefined;
    let source: BehaviorCommand | null = null;
    if (e.addedId !== null) entry = entries.get(`a${e.addedId}`);
    else if (e.derivedId !== null && e.derived) {
      source = findEditedCommand(derived, e.derivedId, e.derived);
      entry = source ? entries.get(`d${source.id}`) : undefined;
    }
    if (!entry) continue;
    if (source && !entry.original) entry.original = source;
    if (e.action === 'delete') entry.deleted = true;
    else {
      entry.box = [...e.box!] as Box;
      if (e.kind) entry.kind = e.kind;
      if (e.magnification) entry.magnification = e.magnification;
      if (entry.provenance === 'derived') entry.provenance = 'edited';
    }
    entry.editId = e.id;
    entry.editedBy = e.authorName;
    entry.editedAt = e.createdAt;
  }

  const all = [...entries.values()].sort((a, b) => a.number - b.number);
  const live = all.filter((c) => !c.deleted);
  const segments: Segment[] = live.map((c) => ({
    kind: c.kind,
    magnification: c.magnification,
    box: c.box,
    start: c.start ?? Number.MAX_SAFE_INTEGER,
    duration: c.duration ?? 0,
    visits: c.visits,
  }));
  const parents = pairSegments(segments, config);
  live.forEach((c, i) => {
    const p = parents[i] >= 0 ? live[parents[i]] : null;
    c.parentKey = p?.key ?? null;
    c.parentNumber = p?.number ?? null;
  });
  return all;
}
