import { useState } from 'react';
import { FeedbackVocabulary } from '../../../../shared/feedback/schema';
import { api, errorMessage } from '../../api/client';
import { usePlaybackStore } from '../../stores/usePlaybackStore';
import { useVideoStore } from '../../stores/useVideoStore';

/** The project's label vocabulary as JSON: validated here and by the core before it is stored. */
export function VocabularyPanel() {
  const opened = useVideoStore((s) => s.opened);
  const [text, setText] = useState(() => JSON.stringify(opened?.vocabulary ?? {}, null, 2));
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  if (!opened) return null;
  const save = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return setStatus({ ok: false, message: `Not valid JSON: ${errorMessage(e)}` });
    }
    const check = FeedbackVocabulary.safeParse(parsed);
    if (!check.success) return setStatus({ ok: false, message: check.error.issues.map((i) => `${i.path.join('.') || 'vocabulary'}: ${i.message}`).join('\n') });
    try {
      const r = await api.call('video.vocabulary.update', { projectId: opened.video.projectId, vocabulary: check.data, session: usePlaybackStore.getState().editSession(opened.video.id) });
      useVideoStore.getState().setVocabulary(r.vocabulary);
      setStatus({ ok: true, message: 'Saved for every video of this project.' });
    } catch (e) {
      setStatus({ ok: false, message: errorMessage(e) });
    }
  };
  return (
    <div className="vocabulary">
      <p className="muted small">
        Speakers, categories (multi-label, with hotkeys), trainee responses, trainer reactions and trigger suggestions of this project. Keys are what is stored and exported; a
        label still used by an instance cannot be removed. <code>column</code> names the CSV column of a category or response.
      </p>
      <textarea className="mono" rows={24} value={text} onChange={(e) => setText(e.target.value)} aria-label="Vocabulary (JSON)" spellCheck={false} />
      <div className="row">
        <button className="primary" onClick={() => void save()}>
          Save vocabulary
        </button>
        <button onClick={() => setText(JSON.stringify(opened.vocabulary, null, 2))}>Revert</button>
      </div>
      {status && (
        <p className={status.ok ? 'ok small' : 'bad small'} role="status" style={{ whiteSpace: 'pre-line' }}>
          {status.message}
        </p>
      )}
    </div>
  );
}
