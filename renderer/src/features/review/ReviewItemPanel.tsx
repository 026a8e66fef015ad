import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewItem } from '../../../../shared/contract';
import { FIELD_LABELS, type RationaleField } from '../../../../shared/review/fields';
import { detectIdentifiers } from '../../../../shared/review/identifiers';
import { useReviewStore } from '../../stores/useReviewStore';
import { isTyping } from '../slides/hotkeys';
import { formatMag, itemStatus, itemTitle } from './reviewFormat';

const COUNTED = new Set(['Backspace', 'Delete', 'Enter']);

function startTexts(item: ReviewItem, mode: 'review' | 'manual'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of item.fields) out[f] = mode === 'manual' ? '' : (item.draft?.fields[f] ?? '');
  return out;
}

/**
 * One item on screen: the slide thumbnail with the box, the region, its high-power crops, the AI draft's fields
 * (or empty fields in manual mode). Enter accepts, X rejects, E edits (Ctrl+Enter saves while typing, Esc stops
 * editing), arrows move. Time on the item and keystrokes per field are recorded with the decision. Mount it with a
 * key of the item, its draft and the mode, so each starts afresh.
 */
export function ReviewItemPanel({ item, names }: { item: ReviewItem; names: readonly string[] }) {
  const mode = useReviewStore((s) => s.mode);
  const busy = useReviewStore((s) => s.busy);
  const submit = useReviewStore((s) => s.submit);
  const move = useReviewStore((s) => s.move);
  const [texts, setTexts] = useState<Record<string, string>>(() => startTexts(item, mode));
  const [editing, setEditing] = useState(mode === 'manual');
  const keystrokes = useRef<Record<string, number>>({});
  const shownAt = useRef(performance.now());
  const firstField = useRef<HTMLTextAreaElement | null>(null);

  const canAccept = mode === 'manual' || item.draft !== null;
  const decide = useCallback(
    async (decision: 'accept' | 'reject') => {
      if (busy || (decision === 'accept' && !canAccept)) return;
      await submit({ item, decision, final: texts, elapsedMs: performance.now() - shownAt.current, keystrokes: keystrokes.current });
    },
    [busy, canAccept, item, submit, texts],
  );
  const edit = useCallback(() => {
    setEditing(true);
    requestAnimationFrame(() => {
      const el = firstField.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey) return;
      if (isTyping(e.target)) {
        if (!(e.target as HTMLElement).closest('.review-fields')) return;
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void decide('accept');
        } else if (e.key === 'Escape') {
          (e.target as HTMLElement).blur();
          if (mode === 'review') setEditing(false);
        }
        return;
      }
      if (e.ctrlKey || e.metaKey) return;
      // Enter on a focused button or link activates that control, not "accept".
      if (e.key === 'Enter' && (e.target as HTMLElement | null)?.closest?.('button, a, summary')) return;
      if (e.key === 'Enter') void decide('accept');
      else if (e.key === 'x' || e.key === 'X') void decide('reject');
      else if (e.key === 'e' || e.key === 'E') edit();
      else if (e.key === 'ArrowDown' || e.key === 'ArrowRight') move(1);
      else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') move(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [decide, edit, mode, move]);

  const count = (f: string) => (keystrokes.current[f] = (keystrokes.current[f] ?? 0) + 1);

  return (
    <article className="review-item" aria-label={`Review item ${item.id}`}>
      <header className="review-item-head">
        <h2>{itemTitle(item)}</h2>
        <span className="muted">
          {item.caseName} · {item.slideName}
          {item.sessionUserName ? ` · looked at by ${item.sessionUserName}` : ''}
        </span>
        <span className={`status-chip status-${itemStatus(item).replace(' ', '-')}`}>{itemStatus(item)}</span>
        {item.model?.abstain && <span className="status-chip status-abstain">model abstained: needs an expert</span>}
      </header>
      <div className="review-images">
        <figure>
          <img src={item.images.thumbnail} alt="Slide thumbnail with the region's box" />
          <figcaption>Slide{item.box ? ' with the box' : ''}</figcaption>
        </figure>
        {item.images.region && (
          <figure>
            <img src={item.images.region} alt={`The region at ${formatMag(item.magnification)}`} />
            <figcaption>Region at {formatMag(item.magnification)}</figcaption>
          </figure>
        )}
        {item.images.highPower.map((url, k) => (
          <figure key={url}>
            <img src={url} alt={`High-power view ${k + 1} at ${formatMag(item.highPower[k].magnification)}`} />
            <figcaption>High power {formatMag(item.highPower[k].magnification)}</figcaption>
          </figure>
        ))}
      </div>
      {item.facts.length > 0 && (
        <ul className="fact-chips" aria-label="Measured">
          {item.facts.map((f) => (
            <li key={f.label}>
              <span className="muted">{f.label}</span> {f.value}
            </li>
          ))}
        </ul>
      )}
      {mode === 'review' ? (
        item.draft ? (
          <p className="ai-label" data-testid="ai-label">
            AI draft · {item.draft.backend === 'builtin' ? 'built-in' : 'chat server'} {item.draft.backendVersion} · {item.draft.modelName} {item.draft.modelVersion}
            {item.draft.retrievedFrom && ` · starts from the accepted rationale of a similar region (item ${item.draft.retrievedFrom.itemId}, similarity ${item.draft.retrievedFrom.similarity.toFixed(2)})`}
          </p>
        ) : (
          <p className="cmd-hint">No draft yet: use “Draft rationales”, or switch to manual mode to write it yourself.</p>
        )
      ) : (
        <p className="ai-label manual">Manual mode: write the rationale from scratch (the baseline the drafts are measured against).</p>
      )}
      <div className="review-fields">
        {item.fields.map((f: RationaleField, i) => {
          const flags = detectIdentifiers(texts[f] ?? '', names);
          return (
            <label key={f}>
              <span>{FIELD_LABELS[f]}</span>
              <textarea
                ref={i === 0 ? firstField : undefined}
                value={texts[f] ?? ''}
                readOnly={!editing}
                rows={f === 'why' || f === 'impression' ? 3 : 4}
                onChange={(e) => setTexts((t) => ({ ...t, [f]: e.target.value }))}
                onKeyDown={(e) => {
                  if (editing && (e.key.length === 1 || COUNTED.has(e.key)) && !e.ctrlKey && !e.metaKey) count(f);
                }}
                onPaste={() => editing && count(f)}
                onDoubleClick={() => !editing && edit()}
              />
              {flags.length > 0 && (
                <span className="identifier-flags" role="status">
                  Possible identifier{flags.length === 1 ? '' : 's'}: {flags.map((s) => `“${s.text}” (${s.kind})`).join(', ')}
                </span>
              )}
            </label>
          );
        })}
      </div>
      <div className="review-actions">
        <button className="primary" disabled={busy || !canAccept} onClick={() => void decide('accept')}>
          Accept <kbd>Enter</kbd>
        </button>
        <button disabled={busy || editing} onClick={edit}>
          Edit <kbd>E</kbd>
        </button>
        <button className="danger" disabled={busy} onClick={() => void decide('reject')}>
          Reject <kbd>X</kbd>
        </button>
        <span className="muted small">{editing ? 'Ctrl+Enter saves, Esc stops editing' : '↑ ↓ move between items'}</span>
      </div>
    </article>
  );
}
