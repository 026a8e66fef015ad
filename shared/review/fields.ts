/** The rationale fields a draft and a review carry. */
export const RATIONALE_FIELDS = ['impression', 'why', 'findings', 'highPower'] as const;
export type RationaleField = (typeof RATIONALE_FIELDS)[number];

/** What a review item is about: a slide as a whole (its first impression), or one region looked at. */
export const ITEM_KINDS = ['impression', 'inspect', 'peek'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const FIELD_LABELS: Record<RationaleField, string> = {
  impression: 'First impression',
  why: 'Why look here',
  findings: 'Findings at this magnification',
  highPower: 'Findings at high power',
};

/**
 * The fields of an item: a slide's first impression; for an inspect "why look here" and "findings at this
 * magnification", plus "findings at high power" when a peek lies inside it; for a peek with no inspect around it,
 * "why look here" and "findings at high power".
 */
export function fieldsFor(kind: ItemKind, hasHighPower: boolean): RationaleField[] {
  if (kind === 'impression') return ['impression'];
  if (kind === 'peek') return ['why', 'highPower'];
  return hasHighPower ? ['why', 'findings', 'highPower'] : ['why', 'findings'];
}

export type FieldTexts = Partial<Record<RationaleField, string>>;

/** Keeps only the item's own fields, each a string (missing ones empty). */
export function pickFields(texts: FieldTexts, fields: readonly RationaleField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f] = texts[f] ?? '';
  return out;
}
