import type { FeedbackVocabulary } from './schema';

/** Agreement of two raters on one binary label, from their 2×2 table. */
export interface BinaryAgreement {
  /** Units rated. */
  n: number;
  /** Both say present. */
  both: number;
  /** Only rater A says present. */
  onlyA: number;
  /** Only rater B says present. */
  onlyB: number;
  /** Both say absent. */
  neither: number;
  /** Observed agreement. */
  po: number;
  /** Agreement expected by chance from each rater's own rate. */
  pe: number;
  /** Cohen's kappa; null when undefined (chance agreement is 1: both raters gave one constant answer). */
  kappa: number | null;
  /** Prevalence- and bias-adjusted kappa: 2·po − 1. */
  pabak: number;
  /** (both − neither) / n: how lopsided the label is. */
  prevalenceIndex: number;
  /** (onlyA − onlyB) / n: how differently often the raters use the label. */
  biasIndex: number;
}

export function binaryAgreement(a: readonly boolean[], b: readonly boolean[]): BinaryAgreement {
  if (a.length !== b.length) throw new Error(`the raters rated different numbers of units (${a.length} vs ${b.length})`);
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) both++;
    else if (a[i]) onlyA++;
    else if (b[i]) onlyB++;
    else neither++;
  }
  return agreementFromTable(both, onlyA, onlyB, neither);
}

export function agreementFromTable(both: number, onlyA: number, onlyB: number, neither: number): BinaryAgreement {
  const n = both + onlyA + onlyB + neither;
  if (n === 0) return { n, both, onlyA, onlyB, neither, po: NaN, pe: NaN, kappa: null, pabak: NaN, prevalenceIndex: NaN, biasIndex: NaN };
  const po = (both + neither) / n;
  const pa = (both + onlyA) / n;
  const pb = (both + onlyB) / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return {
    n,
    both,
    onlyA,
    onlyB,
    neither,
    po,
    pe,
    kappa: pe >= 1 - 1e-12 ? null : (po - pe) / (1 - pe),
    pabak: 2 * po - 1,
    prevalenceIndex: (both - neither) / n,
    biasIndex: (onlyA - onlyB) / n,
  };
}

/** Cohen's kappa for one nominal choice per unit (null = "none" counts as a category). */
export function nominalAgreement(a: readonly (string | null)[], b: readonly (string | null)[]): { n: number; po: number; pe: number; kappa: number | null; pabak: number; categories: number } {
  if (a.length !== b.length) throw new Error(`the raters rated different numbers of units (${a.length} vs ${b.length})`);
  const n = a.length;
  const cats = new Set<string>();
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '\u0000none';
    const y = b[i] ?? '\u0000none';
    cats.add(x);
    cats.add(y);
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
    if (x === y) agree++;
  }
  if (n === 0) return { n, po: NaN, pe: NaN, kappa: null, pabak: NaN, categories: 0 };
  const po = agree / n;
  let pe = 0;
  for (const c of cats) pe += ((ca.get(c) ?? 0) / n) * ((cb.get(c) ?? 0) / n);
  const k = Math.max(2, cats.size);
  return { n, po, pe, kappa: pe >= 1 - 1e-12 ? null : (po - pe) / (1 - pe), pabak: (k * po - 1) / (k - 1), categories: cats.size };
}

export interface Timed {
  startMs: number;
  endMs: number;
}

export function intervalIoU(a: Timed, b: Timed): number {
  const inter = Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs));
  const union = Math.max(a.endMs, b.endMs) - Math.min(a.startMs, b.startMs);
  return union > 0 ? inter / union : 0;
}

export interface InstanceMatching {
  pairs: { a: number; b: number; iou: number }[];
  unmatchedA: number[];
  unmatchedB: number[];
}

/** Pairs instances of two annotators one-to-one, greedily by highest temporal IoU, keeping pairs with IoU ≥ minIoU. */
export function matchInstances(a: readonly Timed[], b: readonly Timed[], minIoU = 0.1): InstanceMatching {
  const candidates: { a: number; b: number; iou: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const iou = intervalIoU(a[i], b[j]);
      if (iou > 0 && iou >= minIoU) candidates.push({ a: i, b: j, iou });
    }
  }
  candidates.sort((x, y) => y.iou - x.iou || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: InstanceMatching['pairs'] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    pairs.push(c);
  }
  pairs.sort((x, y) => a[x.a].startMs - a[y.a].startMs);
  return {
    pairs,
    unmatchedA: a.map((_, i) => i).filter((i) => !usedA.has(i)),
    unmatchedB: b.map((_, j) => j).filter((j) => !usedB.has(j)),
  };
}

export interface TemporalOverlap {
  countA: number;
  countB: number;
  matched: number;
  /** Mean IoU of the matched pairs (NaN when none). */
  meanIoU: number;
  /** 2·matched / (countA + countB): F1 of finding the same instances. */
  f1: number;
  /** Time marked by both / time marked by either (union of each annotator's instances). */
  timeIoU: number;
  /** Time marked by both / time marked by A, and by B. */
  overlapOfA: number;
  overlapOfB: number;
}

function union(list: readonly Timed[]): [number, number][] {
  const s = list.map((t) => [t.startMs, t.endMs] as [number, number]).filter(([x, y]) => y > x).sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [x, y] of s) {
    const last = out.at(-1);
    if (last && x <= last[1]) last[1] = Math.max(last[1], y);
    else out.push([x, y]);
  }
  return out;
}

const total = (u: [number, number][]) => u.reduce((s, [x, y]) => s + y - x, 0);

function intersection(p: [number, number][], q: [number, number][]): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < p.length && j < q.length) {
    sum += Math.max(0, Math.min(p[i][1], q[j][1]) - Math.max(p[i][0], q[j][0]));
    if (p[i][1] < q[j][1]) i++;
    else j++;
  }
  return sum;
}

export function temporalOverlap(a: readonly Timed[], b: readonly Timed[], minIoU = 0.1): TemporalOverlap {
  const m = matchInstances(a, b, minIoU);
  const ua = union(a);
  const ub = union(b);
  const both = intersection(ua, ub);
  const ta = total(ua);
  const tb = total(ub);
  const either = ta + tb - both;
  return {
    countA: a.length,
    countB: b.length,
    matched: m.pairs.length,
    meanIoU: m.pairs.length ? m.pairs.reduce((s, p) => s + p.iou, 0) / m.pairs.length : NaN,
    f1: a.length + b.length ? (2 * m.pairs.length) / (a.length + b.length) : NaN,
    timeIoU: either > 0 ? both / either : NaN,
    overlapOfA: ta > 0 ? both / ta : NaN,
    overlapOfB: tb > 0 ? both / tb : NaN,
  };
}

export interface LabelledInstance extends Timed {
  speaker: string;
  categories: readonly string[];
  traineeResponses: readonly string[];
  trainerReaction: string | null;
}

export interface AgreementReport {
  temporal: TemporalOverlap;
  /** Units compared: matched pairs, plus (with includeUnmatched) each unmatched instance against "no instance". */
  units: number;
  /** Per label of the categories and trainee responses: "categories.anatomic", "traineeResponses.behavioral_adjustment", … */
  labels: ({ family: 'categories' | 'traineeResponses'; key: string; label: string } & BinaryAgreement)[];
  trainerReaction: ReturnType<typeof nominalAgreement>;
  speaker: ReturnType<typeof nominalAgreement>;
}

/**
 * Agreement of two annotators on the same video: instances are paired by temporal IoU; for each label, each
 * unit is "present" or "absent" for each annotator. An instance the other annotator did not mark counts as
 * all-absent on that side (includeUnmatched, the default), so missing an instance lowers agreement.
 */
export function agreementReport(
  a: readonly LabelledInstance[],
  b: readonly LabelledInstance[],
  vocabulary: FeedbackVocabulary,
  opts: { minIoU?: number; includeUnmatched?: boolean } = {},
): AgreementReport {
  const minIoU = opts.minIoU ?? 0.1;
  const m = matchInstances(a, b, minIoU);
  const units: [LabelledInstance | null, LabelledInstance | null][] = m.pairs.map((p) => [a[p.a], b[p.b]]);
  if (opts.includeUnmatched !== false) {
    for (const i of m.unmatchedA) units.push([a[i], null]);
    for (const j of m.unmatchedB) units.push([null, b[j]]);
  }
  const labels: AgreementReport['labels'] = [];
  for (const family of ['categories', 'traineeResponses'] as const) {
    for (const it of vocabulary[family]) {
      const has = (x: LabelledInstance | null) => !!x && x[family].includes(it.key);
      labels.push({ family, key: it.key, label: it.label, ...binaryAgreement(units.map((u) => has(u[0])), units.map((u) => has(u[1]))) });
    }
  }
  const paired = units.filter((u) => u[0] && u[1]) as [LabelledInstance, LabelledInstance][];
  return {
    temporal: temporalOverlap(a, b, minIoU),
    units: units.length,
    labels,
    trainerReaction: nominalAgreement(units.map((u) => u[0]?.trainerReaction ?? null), units.map((u) => u[1]?.trainerReaction ?? null)),
    speaker: nominalAgreement(paired.map((u) => u[0].speaker), paired.map((u) => u[1].speaker)),
  };
}
