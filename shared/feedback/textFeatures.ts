/** Sparse feature vector: parallel lists of indices (ascending, unique) and values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface NgramOptions {
  /** Number of hash buckets (default 2^12). */
  dimensions?: number;
  /** Word n-gram lengths to use (default 1 and 2). */
  ngrams?: readonly number[];
  /** Scale the vector to unit length (default true). */
  normalise?: boolean;
}

/** Lower-cased words (letters, digits, apostrophes inside words). */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).map((w) => w.replace(/’/g, "'"));
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashed word n-grams ("the hashing trick"): each n-gram adds ±1 to bucket hash % dimensions, the sign from
 * another bit of the hash so collisions tend to cancel; counts are log-scaled (1 + log c) and L2-normalised.
 */
export function hashedNgrams(text: string, opts: NgramOptions = {}): SparseVector {
  const dim = opts.dimensions ?? 4096;
  const ns = opts.ngrams ?? [1, 2];
  const words = tokenize(text);
  const acc = new Map<number, number>();
  for (const n of ns) {
    for (let i = 0; i + n <= words.length; i++) {
      const gram = `${n}:${words.slice(i, i + n).join(' ')}`;
      const h = fnv1a(gram);
      const idx = h % dim;
      const sign = (h >>> 31) & 1 ? -1 : 1;
      acc.set(idx, (acc.get(idx) ?? 0) + sign);
    }
  }
  const indices = [...acc.keys()].filter((k) => acc.get(k) !== 0).sort((a, b) => a - b);
  let values = indices.map((k) => {
    const c = acc.get(k) as number;
    return Math.sign(c) * (1 + Math.log(Math.abs(c)));
  });
  if (opts.normalise !== false && values.length) {
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
    values = values.map((v) => v / norm);
  }
  return { indices, values };
}

/** Appends dense features (e.g. motion energy before/after) after `offset` (the hashed dimensions). */
export function withDense(v: SparseVector, offset: number, dense: readonly number[]): SparseVector {
  return { indices: [...v.indices, ...dense.map((_, i) => offset + i)], values: [...v.values, ...dense] };
}
