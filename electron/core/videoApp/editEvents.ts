import type { Database } from 'better-sqlite3';
import type { EditEventType, EditSession } from '../../../shared/contract';
import { appendAudit, type AuditEntry } from '../audit/audit';
import { CoreError } from '../errors';

export type EditEntity = 'feedback_instance' | 'console_interval' | 'feedback_vocabulary';

export interface Edit {
  type: EditEventType;
  entity: EditEntity;
  entityId: number;
  /** The video the change is on; null for a vocabulary (then the session's video, if any). */
  videoId: number | null;
  session?: EditSession;
}

/**
 * The session must be of this video and this annotator: a session is one person on one video. Checked before the
 * write so a wrong session changes nothing.
 */
export function checkSession(db: Database, actorId: number | null, session: EditSession | undefined, videoId: number | null): void {
  if (!session) return;
  if (videoId !== null && session.videoId !== videoId) {
    throw new CoreError('INVALID_INPUT', `This change is on video ${videoId}, but session ${session.id} is a session on video ${session.videoId}.`);
  }
  const seen = db.prepare('SELECT video_id, user_id FROM video_events WHERE session = ? AND video_id IS NOT NULL LIMIT 1').get(session.id) as
    | { video_id: number; user_id: number | null }
    | undefined;
  if (seen && (seen.video_id !== session.videoId || seen.user_id !== actorId)) {
    throw new CoreError('CONFLICT', `Session ${session.id} belongs to another annotator or video; each player session is one annotator on one video.`);
  }
}

/**
 * Appends the audit row of a change and the event recording it in the annotator's video session; call inside the
 * transaction of the write, after it.
 */
export function auditEdit(db: Database, audit: AuditEntry, edit: Edit): void {
  appendAudit(db, audit);
  const { id: auditId } = db.prepare('SELECT id FROM audit ORDER BY id DESC LIMIT 1').get() as { id: number };
  const videoId = edit.videoId ?? edit.session?.videoId ?? null;
  db.prepare(
    'INSERT INTO video_events (session, video_id, user_id, at_ms, type, position_ms, entity, entity_id, audit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(edit.session?.id ?? null, videoId, audit.actorId, Date.now(), edit.type, edit.session?.positionMs ?? null, edit.entity, edit.entityId, auditId);
}
