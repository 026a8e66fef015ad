import { z } from 'zod';
import { defineCall } from './defineCall';
import { Id, IsoTime, Ok } from './common';
import { navigationEventBatch } from '../navigation/eventBatch';
import { NavigationEvent, SlideHeader } from '../navigation/schema';

export const SessionStatus = z.enum(['recording', 'ended', 'interrupted']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const RecordingSession = z.object({
  id: Id,
  slideId: Id,
  userId: Id,
  userName: z.string(),
  status: SessionStatus,
  /** Recorded here, or imported from a JSON Lines file (another viewer). */
  source: z.enum(['recorded', 'imported']),
  startedAt: IsoTime,
  /** Epoch ms of the session start: event time t = Date.now() - startedAtMs. */
  startedAtMs: z.number(),
  endedAt: IsoTime.nullable(),
  eventCount: z.number().int().nonnegative(),
  /** Time of the last stored event (ms from session start). */
  lastT: z.number().nonnegative(),
  /** Highest acknowledged batch sequence number (-1 before the first batch). */
  lastBatchSeq: z.number().int(),
});
export type RecordingSession = z.infer<typeof RecordingSession>;

export const MAX_BATCH_EVENTS = 5000;

export const SessionMetrics = z.object({
  sessionId: Id,
  totalMs: z.number().nonnegative(),
  activeMs: z.number().nonnegative(),
  /** Active ms spent at each magnification bin (key: "1.25", "2.5", "5", "10", "20", "40"). */
  msPerBin: z.record(z.string(), z.number().nonnegative()),
  zoomMean: z.number().nonnegative(),
  zoomVariance: z.number().nonnegative(),
  magnificationMean: z.number().nonnegative(),
  fixations: z.number().int().nonnegative(),
  /** Summed movement of the view centre, in level-0 pixels and (when mpp is known) millimetres. */
  panDistancePx: z.number().nonnegative(),
  panDistanceMm: z.number().nonnegative().nullable(),
  zoomIns: z.number().int().nonnegative(),
  zoomOuts: z.number().int().nonnegative(),
  /** Share (0..1) of the tissue (or of the slide, when no tissue mask is known) seen at ≥ 10×. */
  seenAt10xShare: z.number().min(0).max(1),
  seenAt10xBasis: z.enum(['tissue', 'slide']),
  /** Magnification over time for the plot: [t ms, magnification] pairs (active time only). */
  magnificationSeries: z.array(z.tuple([z.number(), z.number()])),
});
export type SessionMetrics = z.infer<typeof SessionMetrics>;

export const recordingCalls = {
  'recording.start': defineCall(
    'recording.start',
    'Start recording navigation on a slide for the acting profile, or re-attach to that profile’s session still recording on it (a UI reload).',
    z.object({ slideId: Id, resumeSessionId: Id.optional() }).strict(),
    RecordingSession,
  ),
  'recording.append': defineCall(
    'recording.append',
    'Store one batch of events in one transaction; acknowledged only after commit. A batch already stored (same seq) is acknowledged again without storing it twice.',
    z.object({ sessionId: Id, seq: z.number().int().nonnegative(), events: navigationEventBatch(MAX_BATCH_EVENTS) }).strict(),
    z.object({ sessionId: Id, seq: z.number().int(), stored: z.number().int().nonnegative(), duplicate: z.boolean() }),
  ),
  'recording.end': defineCall(
    'recording.end',
    'End a session cleanly (slide closed or app quit).',
    z.object({ sessionId: Id, t: z.number().nonnegative() }).strict(),
    RecordingSession,
  ),
  'recording.list': defineCall(
    'recording.list',
    'Sessions recorded on a slide, newest first.',
    z.object({ slideId: Id }).strict(),
    z.array(RecordingSession),
  ),
  'recording.events': defineCall(
    'recording.events',
    'A session as the interchange format: the slide header and every event in order (for replay and export).',
    z.object({ sessionId: Id }).strict(),
    z.object({ session: RecordingSession, slide: SlideHeader, events: z.array(NavigationEvent) }),
  ),
  'recording.metrics': defineCall('recording.metrics', 'Per-session metrics (times, magnifications, movement, coverage).', z.object({ sessionId: Id }).strict(), SessionMetrics),
  'recording.import': defineCall(
    'recording.import',
    'Import a JSON Lines session (from another viewer) onto a slide of the library: every line is validated first; nothing is stored if any line is bad.',
    z.object({ slideId: Id, jsonl: z.string() }).strict(),
    RecordingSession,
  ),
  'recording.delete': defineCall('recording.delete', 'Delete a recorded session (audited).', z.object({ sessionId: Id }).strict(), Ok),
} as const;
