import { useState } from 'react';
import type { VideoInstance } from '../../../../shared/contract';
import { hasResponseLabel, type FeedbackVocabulary } from '../../../../shared/feedback/schema';
import { usePlaybackStore } from '../../stores/usePlaybackStore';
import { useProfileStore } from '../../stores/useProfileStore';
import { useVideoStore, type InstancePatch } from '../../stores/useVideoStore';
import { labelOf } from './labels';
import { formatClock } from './timelineModel';

/** A text field that is stored when it loses focus (or on Ctrl+Enter), not on every keystroke. */
function SavedText({ label, value, onSave, rows, disabled, list }: { label: string; value: string; onSave: (v: string) => void; rows?: number; disabled: boolean; list?: string }) {
  const [text, setText] = useState(value);
  const save = () => text !== value && onSave(text);
  const common = {
    value: text,
    disabled,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setText(e.target.value),
    onBlur: save,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || !rows)) save();
      if (e.key === 'Escape') setText(value);
    },
  };
  return (
    <label>
      {label}
      {rows ? <textarea rows={rows} {...common} /> : <input type="text" list={list} {...common} />}
    </label>
  );
}

function toggle(list: string[], key: string): string[] {
  return list.includes(key) ? list.filter((k) => k !== key) : [...list, key];
}

function Fields({ i, v, editable }: { i: VideoInstance; v: FeedbackVocabulary; editable: boolean }) {
  const update = (patch: InstancePatch) => void useVideoStore.getState().update(i.id, patch);
  const now = () => Math.round(usePlaybackStore.getState().currentMs);
  return (
    <>
      <div className="span-row">
        <span className="mono">
          {formatClock(i.startMs, 2)} – {formatClock(i.endMs, 2)}
        </span>
        {editable && (
          <>
            <button onClick={() => now() < i.endMs && update({ startMs: now() })} title="Start this instance at the playhead">
              Start here
            </button>
            <button onClick={() => now() > i.startMs && update({ endMs: now() })} title="End this instance at the playhead">
              End here
            </button>
          </>
        )}
      </div>
      <label>
        Speaker
        <select value={i.speaker} disabled={!editable} onChange={(e) => update({ speaker: e.target.value })}>
          {v.speakers.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset disabled={!editable}>
        <legend>Categories</legend>
        {v.categories.map((c) => (
          <label key={c.key} className="check" title={c.description}>
            <input type="checkbox" checked={i.categories.includes(c.key)} onChange={() => update({ categories: toggle(i.categories, c.key) })} />
            {c.label}
            {c.hotkey && <kbd>{c.hotkey}</kbd>}
          </label>
        ))}
      </fieldset>
      <SavedText key={`trigger-${i.id}`} label="Trigger" value={i.trigger} onSave={(trigger) => update({ trigger })} disabled={!editable} list="feedback-triggers" />
      <datalist id="feedback-triggers">
        {v.triggers.map((t) => (
          <option key={t.key} value={t.label} />
        ))}
      </datalist>
      <fieldset disabled={!editable}>
        <legend>Trainee response</legend>
        {v.traineeResponses.map((r) => (
          <label key={r.key} className="check">
            <input type="checkbox" checked={i.traineeResponses.includes(r.key)} onChange={() => update({ traineeResponses: toggle(i.traineeResponses, r.key) })} />
            {r.label}
          </label>
        ))}
        <label className="check" title="The trainee did not respond (counts as not effective)">
          <input type="checkbox" checked={i.noTraineeResponse} onChange={() => update({ noTraineeResponse: !i.noTraineeResponse })} />
          No response
        </label>
        {!hasResponseLabel(i) && (
          <span className="muted small" data-testid="response-unlabelled">
            Not labelled yet: left out of training, the effectiveness model predicts it.
          </span>
        )}
      </fieldset>
      <label>
        Trainer reaction
        <select value={i.trainerReaction ?? ''} disabled={!editable} onChange={(e) => update({ trainerReaction: e.target.value || null })}>
          <option value="">none</option>
          {v.trainerReactions.map((r) => (
            <option key={r.key} value={r.key}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <SavedText key={`transcript-${i.id}-${i.transcript}`} label="Transcript" value={i.transcript} onSave={(transcript) => update({ transcript })} rows={3} disabled={!editable} />
      <SavedText key={`note-${i.id}`} label="Note" value={i.note} onSave={(note) => update({ note })} rows={2} disabled={!editable} />
    </>
  );
}

/** Labels of the selected instance; edits are stored at once (checkboxes, lists) or when a text field is left. */
export function InstanceEditor() {
  const opened = useVideoStore((s) => s.opened);
  const selected = useVideoStore((s) => s.instances.find((i) => i.id === s.selectedId) ?? null);
  const myId = useProfileStore((s) => s.current?.id ?? null);
  if (!opened) return null;
  if (!selected) {
    return (
      <section className="instance-editor" aria-label="Instance labels">
        <p className="muted small">Select an instance (in the list or on the timeline) to label it.</p>
      </section>
    );
  }
  const editable = selected.annotatorId === myId;
  const v = opened.vocabulary;
  return (
    <section className="instance-editor" aria-label="Instance labels">
      <div className="editor-head">
        <img className="thumb" alt="" src={opened.urls.thumbnail.replace('{ms}', String(Math.round(selected.startMs / 500) * 500))} width={112} />
        <div>
          <strong>{labelOf(v.speakers, selected.speaker)}</strong>{' '}
          <span className="muted small">
            {selected.source === 'manual' ? 'marked by hand' : selected.source === 'vad' ? `from speech (p = ${selected.vadP?.toFixed(2)})` : 'from the transcript'}
            {editable ? '' : ` · ${selected.annotatorName}'s (read only)`}
          </span>
          <div className="editor-actions">
            {editable && selected.status === 'proposed' && (
              <>
                <button className="primary" onClick={() => void useVideoStore.getState().review(selected.id, 'accept')}>
                  Accept proposal
                </button>
                <button onClick={() => void useVideoStore.getState().review(selected.id, 'reject')}>Reject</button>
              </>
            )}
            {editable && (
              <button
                className="link danger"
                onClick={() => {
                  if (confirm('Remove this instance? (The audit log keeps what it held.)')) void useVideoStore.getState().remove(selected.id);
                }}
              >
                Remove
              </button>
            )}
          </div>
        </div>
      </div>
      <Fields key={selected.id} i={selected} v={v} editable={editable} />
    </section>
  );
}
