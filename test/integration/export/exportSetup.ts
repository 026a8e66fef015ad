// A project with two cases, reviewed: on each slide one region accepted as drafted and one edited (the first
// slide's edit names the patient, a date and an accession number), and the first impressions accepted; on the
// second slide the second region is rejected instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ReviewItem, ReviewQueue } from '../../../shared/contract';
import { call } from '../../support/tempCore';
import { reviewSetup, type ReviewSetup } from '../review/reviewSetup';

export async function reviewedProject(): Promise<ReviewSetup> {
  const s = await reviewSetup({ secondCase: true });
  await call(s.core, 'review.sync', { projectId: s.projectId }, s.userId);
  await call(s.core, 'review.draft', { projectId: s.projectId }, s.userId);
  await call(s.core, 'review.setIdentifierNames', { projectId: s.projectId, names: ['Jane Doe', 'John Roe'] }, s.userId);
  const { items } = await call<ReviewQueue>(s.core, 'review.list', { projectId: s.projectId });
  const submit = (it: ReviewItem, decision: string, final: Record<string, string>) =>
    call(s.core, 'review.submit', { itemId: it.id, draftId: it.draft!.id, mode: 'review', decision, final, elapsedMs: 3000, keystrokes: {} }, s.userId);
  for (const sl of s.slides) {
    const mine = items.filter((i) => i.slideId === sl.slideId);
    const [imp, a, b] = [mine.find((i) => i.kind === 'impression')!, ...mine.filter((i) => i.kind !== 'impression')];
    await submit(imp, 'accept', imp.draft!.fields);
    await submit(a, 'accept', a.draft!.fields);
    if (sl === s.slides[0]) await submit(b, 'edit', { ...b.draft!.fields, why: 'Like Jane Doe’s earlier biopsy (S21-12345, 12/03/2021): check the glands.' });
    else await submit(b, 'reject', b.draft!.fields);
  }
  return s;
}

/** Every file below `dir`, as paths relative to it. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

export const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
export const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
