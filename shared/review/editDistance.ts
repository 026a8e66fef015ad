/**
 * Levenshtein distance between two texts, counted in Unicode code points (an accented letter or an emoji is one
 * edit, not two): the fewest single-character insertions, deletions and substitutions that turn `a` into `b`.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let s = Array.from(a);
  let t = Array.from(b);
  // Common prefix and suffix cost nothing; trimming them keeps long, lightly edited texts cheap.
  let start = 0;
  while (start < s.length && start < t.length && s[start] === t[start]) start++;
  let endS = s.length;
  let endT = t.length;
  while (endS > start && endT > start && s[endS - 1] === t[endT - 1]) {
    endS--;
    endT--;
  }
  s = s.slice(start, endS);
  t = t.slice(start, endT);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  if (s.length < t.length) [s, t] = [t, s];
  const row = new Uint32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) row[j] = j;
  for (let i = 1; i <= s.length; i++) {
    let diag = row[0];
    row[0] = i;
    const ch = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const up = row[j];
      const cost = ch === t[j - 1] ? 0 : 1;
      const best = Math.min(up + 1, row[j - 1] + 1, diag + cost);
      diag = up;
      row[j] = best;
    }
  }
  return row[t.length];
}

/** Edit distance divided by the longer text's length (0 = unchanged, 1 = nothing kept); 0 for two empty texts. */
export function normalisedEditDistance(a: string, b: string): number {
  const n = Math.max(Array.from(a).length, Array.from(b).length);
  return n === 0 ? 0 : editDistance(a, b) / n;
}
