import type { VideoInstance } from '../../../shared/contract';
import { intervalIoU } from '../../../shared/feedback/agreement';
import { alignCuesToSegments } from '../../../shared/feedback/alignCues';
import type { FeedbackVocabulary } from '../../../shared/feedback/schema';
import { parseSrt, parseVtt, SubtitleParseError, type Cue } from '../../../shared/feedback/subtitles';
import { CoreError } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { cancelled } from '../video/runFfmpeg';
import { auditEdit, checkSession } from './editEvents';
import { detectSpeech } from '../video/vad/detectSpeech';
import { requireAnnotator, videoContext, instanceById } from './instanceRows';
import { defaultSpeaker, insertInstance, listInstances } from './instancesHandlers';
import { probeVideo } from './openVideo';
import { projectVocabulary } from './vocabulary';

/** A proposal overlapping an earlier one (kept, accepted or rejected) this much is the same remark found again. */
const SAME_SEGMENT_IOU = 0.5;

function parseTranscript(text: string, fileName: string): Cue[] {
  const isVtt = /\.vtt$/i.test(fileName) || (!/\.srt$/i.test(fileName) && /^\uFEFF?WEBVTT/.test(text));
  if (text.includes('\u0000')) throw new CoreError('UNSUPPORTED_FILE', `${fileName} is not a text file (a WebVTT or SRT transcript was expected).`);
  try {
    return isVtt ? parseVtt(text) : parseSrt(text);
  } catch (e) {
    if (e instanceof SubtitleParseError) throw new CoreError('CORRUPT_FILE', `${fileName} ${e.message}. Nothing was imported.`, { line: e.line });
    throw e;
  }
}

/** A cue's speaker name as a speaker key of the vocabulary (by key or label), or null. */
function speakerKey(name: string | null, v: FeedbackVocabulary): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase();
  return v.speakers.find((s) => s.key === n || s.label.toLowerCase() === n)?.key ?? null;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

export const proposeHandlers: Handlers<'video.propose' | 'video.importTranscript'> = {
  'video.propose': async ({ videoId, vad, session }, ctx, { db }) => {
    const me = requireAnnotator(db, ctx.actorId, 'proposing feedback from speech');
    const v = videoContext(db, videoId);
    checkSession(db, me.id, session, videoId);
    const info = await probeVideo(v, ctx.signal);
    if (!info.hasAudio) throw new CoreError('UNSUPPORTED_FILE', `${v.name} has no sound track, so there is no speech to find.`);
    const r = await detectSpeech(v.path, { ...vad, info, signal: ctx.signal, progress: ctx.progress });
    if (ctx.signal.aborted) throw cancelled();
    const { vocabulary } = projectVocabulary(db, v.projectId);
    const earlier = listInstances(db, videoId, { annotatorId: me.id, includeRejected: true }).filter((i) => i.source === 'vad');
    let skipped = 0;
    const created = db.transaction(() => {
      const out: VideoInstance[] = [];
      for (const s of r.segments) {
        const seg = { startMs: Math.round(s.start), endMs: Math.round(s.end) };
        if (seg.endMs <= seg.startMs) continue;
        if (earlier.some((e) => intervalIoU(e, seg) >= SAME_SEGMENT_IOU)) {
          skipped++;
          continue;
        }
        out.push(insertInstance(db, me.id, videoId, { ...seg, source: 'vad', vadP: Math.round(s.p * 1000) / 1000, status: 'proposed' }, vocabulary, session));
      }
      return out;
    })();
    return { created, skipped, durationMs: r.durationMs, model: r.model };
  },

  'video.importTranscript': ({ videoId, text, fileName, overwrite, createUnassigned, session }, ctx, { db }) => {
    const me = requireAnnotator(db, ctx.actorId, 'importing a transcript');
    const v = videoContext(db, videoId);
    checkSession(db, me.id, session, videoId);
    const cues = parseTranscript(text, fileName);
    const { vocabulary } = projectVocabulary(db, v.projectId);
    const mine = listInstances(db, videoId, { annotatorId: me.id });
    const aligned = alignCuesToSegments(cues, mine);
    return db.transaction(() => {
      let filled = 0;
      aligned.segments.forEach((seg, i) => {
        const inst = mine[i];
        if (!seg.transcript || (inst.transcript.trim() && !overwrite)) return;
        const speaker = speakerKey(seg.speaker, vocabulary) ?? inst.speaker;
        if (seg.transcript === inst.transcript && speaker === inst.speaker) return;
        db.prepare('UPDATE feedback_instances SET transcript = ?, speaker = ?, updated_at = ? WHERE id = ?').run(seg.transcript, speaker, new Date().toISOString(), inst.id);
        auditEdit(
          db,
          { actorId: me.id, action: 'import-transcript', entity: 'feedback_instance', entityId: inst.id, before: inst, after: instanceById(db, inst.id) },
          { type: 'instance.transcript', entity: 'feedback_instance', entityId: inst.id, videoId, session },
        );
        filled++;
      });
      let created = 0;
      if (createUnassigned) {
        for (const c of aligned.unassigned) {
          if (!(c.endMs > c.startMs) || !oneLine(c.text)) continue;
          const speaker = speakerKey(c.speaker, vocabulary) ?? defaultSpeaker(vocabulary);
          insertInstance(db, me.id, videoId, { startMs: c.startMs, endMs: c.endMs, speaker, transcript: oneLine(c.text), source: 'import', status: 'proposed' }, vocabulary, session);
          created++;
        }
      }
      return { cues: cues.length, filled, created, unassigned: aligned.unassigned.length };
    })();
  },
};
