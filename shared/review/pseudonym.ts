/** What a pseudonym stands for; it is also the pseudonym's prefix. */
export type PseudonymKind = 'slide' | 'case' | 'reviewer';

/** The pseudonym of an entity from its keyed hash (hex): e.g. "slide-3f9a0c2e71b4". */
export function formatPseudonym(kind: PseudonymKind, digestHex: string): string {
  if (!/^[0-9a-f]{12,}$/.test(digestHex)) throw new Error('a pseudonym needs at least 12 hex digits of a keyed hash');
  return `${kind}-${digestHex.slice(0, 12)}`;
}

/** What is hashed for an entity: its kind and a stable identity (a slide's sha256, a case's or reviewer's id). */
export function pseudonymMessage(kind: PseudonymKind, identity: string): string {
  return `sightline-pseudonym\0${kind}\0${identity}`;
}
