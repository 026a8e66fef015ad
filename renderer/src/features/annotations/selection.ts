/** The selection after a click: on an annotation selects it alone, or with Shift adds or removes it; on nothing clears (Shift keeps). */
export function selectClick(current: ReadonlySet<number>, hit: number | null, additive: boolean): Set<number> {
  if (!additive) return hit === null ? new Set() : new Set([hit]);
  const next = new Set(current);
  if (hit === null) return next;
  if (next.has(hit)) next.delete(hit);
  else next.add(hit);
  return next;
}

/** The annotation after (or with `back`, before) `current` in list order, wrapping around; the first when none is current. */
export function nextInOrder(ids: readonly number[], current: number | null, back = false): number | null {
  if (ids.length === 0) return null;
  const i = current === null ? -1 : ids.indexOf(current);
  if (i < 0) return back ? ids[ids.length - 1] : ids[0];
  return ids[(i + (back ? ids.length - 1 : 1)) % ids.length];
}
