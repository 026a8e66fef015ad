import type { NavigationEvent } from '../../../../shared/navigation';
import type { Batch } from './batchQueue';

const SESSION_KEY = (slideId: number) => `sightline.rec.session.${slideId}`;
const PENDING_KEY = (sessionId: number) => `sightline.rec.pending.${sessionId}`;

/** The session recording on a slide in this tab, so a reload re-attaches to it. */
export function rememberedSession(slideId: number): number | undefined {
  const v = Number(sessionStorage.getItem(SESSION_KEY(slideId)));
  return Number.isInteger(v) && v > 0 ? v : undefined;
}
export function rememberSession(slideId: number, sessionId: number | null): void {
  if (sessionId === null) sessionStorage.removeItem(SESSION_KEY(slideId));
  else sessionStorage.setItem(SESSION_KEY(slideId), String(sessionId));
}

/** Batches not yet acknowledged when the page went away; sent again (same numbers) after the reload. */
export function savePending(sessionId: number, batches: Batch<NavigationEvent>[]): void {
  try {
    if (batches.length) localStorage.setItem(PENDING_KEY(sessionId), JSON.stringify(batches));
    else localStorage.removeItem(PENDING_KEY(sessionId));
  } catch {
    /* storage full: those events stay unacknowledged, as after a crash */
  }
}
export function takePending(sessionId: number): Batch<NavigationEvent>[] {
  const raw = localStorage.getItem(PENDING_KEY(sessionId));
  localStorage.removeItem(PENDING_KEY(sessionId));
  if (!raw) return [];
  try {
    return JSON.parse(raw) as Batch<NavigationEvent>[];
  } catch {
    return [];
  }
}
