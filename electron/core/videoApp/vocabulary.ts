import type { Database } from 'better-sqlite3';
import { checkLabels, DEFAULT_FEEDBACK_VOCABULARY, FeedbackVocabulary } from '../../../shared/feedback/schema';
import { CoreError, notFound } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { auditEdit, checkSession } from './editEvents';
import { videoContext } from './instanceRows';

/** The project's vocabulary, or the defaults while it has none of its own. */
export function projectVocabulary(db: Database, projectId: number): { vocabulary: FeedbackVocabulary; isDefault: boolean } {
  const row = db.prepare('SELECT vocabulary FROM feedback_vocabularies WHERE project_id = ?').get(projectId) as { vocabulary: string } | undefined;
  if (!row) return { vocabulary: DEFAULT_FEEDBACK_VOCABULARY, isDefault: true };
  const parsed = FeedbackVocabulary.safeParse(JSON.parse(row.vocabulary));
  if (!parsed.success) throw new CoreError('CORRUPT_FILE', `The stored feedback vocabulary of project ${projectId} is not valid: ${parsed.error.issues[0]?.message}`);
  return { vocabulary: parsed.data, isDefault: false };
}

/** Throws INVALID_INPUT naming the labels an instance uses that the vocabulary does not know. */
export function assertLabels(labels: Parameters<typeof checkLabels>[0], v: FeedbackVocabulary): void {
  const problems = checkLabels(labels, v);
  if (problems.length) throw new CoreError('INVALID_INPUT', `These labels are not in the project's vocabulary: ${problems.join('; ')}.`);
}

export const vocabularyHandlers: Handlers<'video.vocabulary.get' | 'video.vocabulary.update'> = {
  'video.vocabulary.get': ({ projectId }, _ctx, { db }) => {
    if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
    return { projectId, ...projectVocabulary(db, projectId) };
  },

  'video.vocabulary.update': ({ projectId, vocabulary, session }, ctx, { db }) => {
    if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
    if (session) {
      const v = videoContext(db, session.videoId);
      if (v.projectId !== projectId) throw new CoreError('INVALID_INPUT', `Session ${session.id} is on a video of another project.`);
      checkSession(db, ctx.actorId, session, v.id);
    }
    db.transaction(() => {
      const before = projectVocabulary(db, projectId);
      // A label still in use cannot disappear: the instances that use it would silently lose meaning.
      const rows = db
        .prepare(
          `SELECT f.id, f.speaker, f.categories, f.trainee_responses, f.trainer_reaction FROM feedback_instances f
           JOIN videos v ON v.id = f.video_id JOIN cases c ON c.id = v.case_id WHERE c.project_id = ? AND f.status <> 'rejected'`,
        )
        .all(projectId) as { id: number; speaker: string; categories: string; trainee_responses: string; trainer_reaction: string | null }[];
      const missing = new Set<string>();
      let affected = 0;
      for (const r of rows) {
        const p = checkLabels(
          { speaker: r.speaker, categories: JSON.parse(r.categories) as string[], traineeResponses: JSON.parse(r.trainee_responses) as string[], trainerReaction: r.trainer_reaction },
          vocabulary,
        );
        if (p.length) {
          affected++;
          for (const x of p) missing.add(x);
        }
      }
      const consoleSpeakers = db
        .prepare(`SELECT DISTINCT ci.speaker FROM console_intervals ci JOIN videos v ON v.id = ci.video_id JOIN cases c ON c.id = v.case_id WHERE c.project_id = ?`)
        .all(projectId) as { speaker: string }[];
      for (const s of consoleSpeakers) if (!vocabulary.speakers.some((x) => x.key === s.speaker)) missing.add(`unknown speaker "${s.speaker}" (console intervals)`);
      if (missing.size) {
        throw new CoreError(
          'CONFLICT',
          `The new vocabulary drops labels that ${affected ? `${affected} instance(s)` : 'console intervals'} still use: ${[...missing].slice(0, 6).join('; ')}. Relabel those first, or keep the labels.`,
        );
      }
      db.prepare(
        `INSERT INTO feedback_vocabularies (project_id, vocabulary, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(project_id) DO UPDATE SET vocabulary = excluded.vocabulary, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(projectId, JSON.stringify(vocabulary), ctx.actorId, new Date().toISOString());
      auditEdit(
        db,
        { actorId: ctx.actorId, action: 'update', entity: 'feedback_vocabulary', entityId: projectId, before: before.vocabulary, after: vocabulary },
        { type: 'vocabulary.update', entity: 'feedback_vocabulary', entityId: projectId, videoId: null, session },
      );
    })();
    return { projectId, vocabulary, isDefault: false };
  },
};
