import type { Database } from 'better-sqlite3';
import type { SlideHeader } from '../../../shared/navigation';
import { recordingOptics } from '../../../shared/recording/optics';
import { CoreError, notFound } from '../errors';

interface SlideRow {
  id: number;
  name: string;
  sha256: string;
  width: number | null;
  height: number | null;
  mpp_x: number | null;
  mpp_y: number | null;
  objective: number | null;
}

export function findSlide(db: Database, slideId: number): SlideRow {
  const row = db.prepare('SELECT id, name, sha256, width, height, mpp_x, mpp_y, objective FROM slides WHERE id = ?').get(slideId) as SlideRow | undefined;
  if (!row) throw notFound('Slide', slideId);
  return row;
}

/**
 * The slide header a new recording carries (kept with the session, so the session stays readable whatever happens to
 * the library row): the slide's sha256 as its id, its level-0 size, and its optics (docs/recording.md: a slide
 * stating neither mpp nor objective power is recorded as 40×).
 */
export function headerForRecording(db: Database, slideId: number): SlideHeader {
  const s = findSlide(db, slideId);
  if (s.width == null || s.height == null) {
    throw new CoreError('CONFLICT', `The size of slide "${s.name}" is not known yet: open it in the viewer before recording on it.`);
  }
  const optics = recordingOptics(s.mpp_x ?? s.mpp_y, s.objective);
  return { type: 'slide', id: s.sha256, width: s.width, height: s.height, mpp: optics.mpp, objectivePower: optics.objectivePower };
}
