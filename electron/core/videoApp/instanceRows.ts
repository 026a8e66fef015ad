import type { Database } from 'better-sqlite3';
import type { ConsoleIntervalRow, InstanceStatus, VideoInstance } from '../../../shared/contract';
import type { FeedbackSource } from '../../../shared/feedback/schema';
import { CoreError, notFound } from '../errors';

export interface InstanceRow {
  id: number;
  video_id: number;
  annotator_id: number;
  annotator_name: string;
  start_ms: number;
  end_ms: number;
  speaker: string;
  transcript: string;
  categories: string;
  trigger: string;
  trainee_responses: string;
  no_trainee_response: number;
  trainer_reaction: string | null;
  note: string;
  source: FeedbackSource;
  vad_p: number | null;
  status: InstanceStatus;
  created_at: string;
  updated_at: string;
}

export const INSTANCE_SELECT = `SELECT f.*, u.name AS annotator_name FROM feedback_instances f JOIN users u ON u.id = f.annotator_id`;

export function toInstance(r: InstanceRow): VideoInstance {
  return {
    id: r.id,
    videoId: r.video_id,
    annotatorId: r.annotator_id,
    annotatorName: r.annotator_name,
    startMs: r.start_ms,
    endMs: r.end_ms,
    speaker: r.speaker,
    transcript: r.transcript,
    categories: JSON.parse(r.categories) as string[],
    trigger: r.trigger,
    traineeResponses: JSON.parse(r.trainee_responses) as string[],
    noTraineeResponse: r.no_trainee_response === 1,
    trainerReaction: r.trainer_reaction,
    note: r.note,
    source: r.source,
    vadP: r.vad_p,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function instanceById(db: Database, id: number): VideoInstance {
  const r = db.prepare(`${INSTANCE_SELECT} WHERE f.id = ?`).get(id) as InstanceRow | undefined;
  if (!r) throw notFound('Feedback instance', id);
  return toInstance(r);
}

export interface ConsoleRowDb {
  id: number;
  video_id: number;
  annotator_id: number;
  start_ms: number;
  end_ms: number;
  speaker: string;
}

export const toConsoleInterval = (r: ConsoleRowDb): ConsoleIntervalRow => ({
  id: r.id,
  videoId: r.video_id,
  annotatorId: r.annotator_id,
  startMs: r.start_ms,
  endMs: r.end_ms,
  speaker: r.speaker,
});

/** The video with its case and project, as the handlers need it. */
export interface VideoContext {
  id: number;
  caseId: number;
  caseName: string;
  projectId: number;
  name: string;
  path: string;
  format: string;
  size: number;
  sha256: string;
}

export function videoContext(db: Database, videoId: number): VideoContext {
  const r = db
    .prepare(
      `SELECT v.id, v.case_id AS caseId, c.name AS caseName, c.project_id AS projectId, v.name, v.path, v.format, v.size, v.sha256
       FROM videos v JOIN cases c ON c.id = v.case_id WHERE v.id = ?`,
    )
    .get(videoId) as VideoContext | undefined;
  if (!r) throw notFound('Video', videoId);
  return r;
}

export function videosOfCase(db: Database, caseId: number): VideoContext[] {
  if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw notFound('Case', caseId);
  return db
    .prepare(
      `SELECT v.id, v.case_id AS caseId, c.name AS caseName, c.project_id AS projectId, v.name, v.path, v.format, v.size, v.sha256
       FROM videos v JOIN cases c ON c.id = v.case_id WHERE v.case_id = ? ORDER BY v.name COLLATE NOCASE, v.id`,
    )
    .all(caseId) as VideoContext[];
}

export function requireAnnotator(db: Database, actorId: number | null, doing: string): { id: number; name: string } {
  if (actorId === null) throw new CoreError('INVALID_INPUT', `Choose your profile before ${doing}: every feedback instance belongs to an annotator.`);
  const u = db.prepare('SELECT id, name FROM users WHERE id = ?').get(actorId) as { id: number; name: string } | undefined;
  if (!u) throw notFound('Profile', actorId);
  return u;
}

export function userName(db: Database, id: number): string {
  const u = db.prepare('SELECT name FROM users WHERE id = ?').get(id) as { name: string } | undefined;
  if (!u) throw notFound('Profile', id);
  return u.name;
}
