import { sessionMetrics } from '../../../shared/recording/metrics';
import type { Handlers } from '../dispatch/handlers';
import { appendBatch } from './appendBatch';
import { importSession } from './importSession';
import { readEvents } from './readSession';
import { deleteSession, endSession, startSession } from './sessionLifecycle';
import { getSession, SESSION_SELECT, slideHeaderOf, toSession, type SessionRow } from './sessionRows';
import { findSlide } from './slideHeader';
import { tissueMaskOf } from './tissueMask';

type RecordingCall =
  | 'recording.start'
  | 'recording.append'
  | 'recording.end'
  | 'recording.list'
  | 'recording.events'
  | 'recording.metrics'
  | 'recording.import'
  | 'recording.delete';

export const recordingHandlers: Handlers<RecordingCall> = {
  'recording.start': ({ slideId, resumeSessionId }, ctx, { db }) => startSession(db, slideId, ctx.actorId, resumeSessionId),
  'recording.append': ({ sessionId, seq, events }, _ctx, { db }) => appendBatch(db, sessionId, seq, events),
  'recording.end': ({ sessionId, t }, ctx, { db }) => endSession(db, sessionId, t, ctx.actorId),
  'recording.list': ({ slideId }, _ctx, { db }) => {
    findSlide(db, slideId);
    return (db.prepare(`${SESSION_SELECT} AND s.slide_id = ? ORDER BY s.started_at_ms DESC, s.id DESC`).all(slideId) as SessionRow[]).map(toSession);
  },
  'recording.events': ({ sessionId }, _ctx, { db }) => {
    const r = getSession(db, sessionId);
    return { session: toSession(r), slide: slideHeaderOf(r), events: readEvents(db, sessionId) };
  },
  'recording.metrics': async ({ sessionId }, _ctx, deps) => {
    const r = getSession(deps.db, sessionId);
    const slide = slideHeaderOf(r);
    const tissueMask = (await tissueMaskOf(deps, r.slide_id, slide)) ?? undefined;
    return { sessionId, ...sessionMetrics(slide, readEvents(deps.db, sessionId), { tissueMask }) };
  },
  'recording.import': ({ slideId, jsonl }, ctx, { db }) => importSession(db, slideId, jsonl, ctx.actorId),
  'recording.delete': ({ sessionId }, ctx, { db }) => {
    deleteSession(db, sessionId, ctx.actorId);
    return { ok: true as const };
  },
};
