import { useEffect, useState } from 'react';
import type { EffectiveCommand, RecordingSession } from '../../../../shared/contract';
import { api, errorMessage } from '../../api/client';
import { useBehaviorStore } from '../../stores/useBehaviorStore';
import { useRecorderStore } from '../../stores/useRecorderStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { flyToImageRect } from '../slides/osdView';
import type { ViewerPartProps } from '../slides/viewerExtensions';
import { AddCommandForm } from './AddCommandForm';
import { CommandThumbnail } from './CommandThumbnail';
import { describeCommand, nestCommands } from './commandText';
import { useCommandKeys } from './useCommandKeys';

function flyTo(c: EffectiveCommand): void {
  const viewer = useViewerStore.getState().viewer;
  if (viewer) flyToImageRect(viewer, c.box);
}

function sessionLabel(s: RecordingSession): string {
  return `#${s.id} · ${s.userName} · ${new Date(s.startedAt).toLocaleString()} · ${s.status}`;
}

function CommandRow({ c, children }: { c: EffectiveCommand; children?: EffectiveCommand[] }) {
  const selectedKey = useBehaviorStore((s) => s.selectedKey);
  const select = useBehaviorStore((s) => s.select);
  const undo = useBehaviorStore((s) => s.undo);
  const classes = ['cmd-row', `kind-${c.kind}`, `prov-${c.provenance}`, c.deleted ? 'deleted' : '', c.key === selectedKey ? 'selected' : ''].filter(Boolean).join(' ');
  return (
    <li
      className={classes}
      data-testid="command-row"
      data-key={c.key}
      data-number={c.number}
      data-kind={c.kind}
      data-magnification={c.magnification}
      data-provenance={c.provenance}
      data-deleted={c.deleted}
      data-parent={c.parentNumber ?? ''}
    >
      <div className="cmd-line">
        <button
          className="cmd-pick"
          aria-pressed={c.key === selectedKey}
          onClick={() => {
            select(c.key);
            if (!c.deleted) flyTo(c);
          }}
          title={c.original ? `Recorded box: [${c.original.box.join(', ')}]` : `Box: [${c.box.join(', ')}]`}
        >
          <span className="cmd-num">{c.number}</span>
          <span className="cmd-desc">{describeCommand(c)}</span>
        </button>
        {c.deleted && c.editId !== null && (
          <button className="link" onClick={() => void undo(c.editId!)}>
            Restore
          </button>
        )}
      </div>
      {c.editedBy && !c.deleted && <div className="small muted cmd-by">{`${c.provenance === 'added' ? 'added' : 'edited'} by ${c.editedBy}`}</div>}
      {children && children.length > 0 && (
        <ol className="cmd-children">
          {children.map((p) => (
            <CommandRow key={p.key} c={p} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The "Commands" tab: the behavioural commands of the live (or a chosen earlier) session, and the reviewer's edits. */
export function CommandsPanel({ slideId }: ViewerPartProps) {
  const live = useRecorderStore((s) => s.session);
  const endedCount = useRecorderStore((s) => s.endedCount);
  const liveId = live && live.slideId === slideId ? live.id : null;
  const choice = useBehaviorStore((s) => s.choice);
  const data = useBehaviorStore((s) => s.data);
  const loading = useBehaviorStore((s) => s.loading);
  const error = useBehaviorStore((s) => s.error);
  const mode = useBehaviorStore((s) => s.mode);
  const draft = useBehaviorStore((s) => s.draft);
  const busy = useBehaviorStore((s) => s.busy);
  const selectedKey = useBehaviorStore((s) => s.selectedKey);
  const [sessions, setSessions] = useState<RecordingSession[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  useCommandKeys();

  useEffect(() => {
    const store = useBehaviorStore.getState();
    store.setPanelOpen(true);
    return () => store.setPanelOpen(false);
  }, []);

  // Another slide starts on its live session.
  useEffect(() => useBehaviorStore.getState().attach(slideId), [slideId]);

  useEffect(() => {
    const s = useBehaviorStore.getState();
    s.choose(s.choice, liveId);
  }, [liveId, choice, slideId]);

  // The live session's commands follow each batch the core acknowledges.
  useEffect(
    () =>
      useRecorderStore.subscribe((now, before) => {
        const s = useBehaviorStore.getState();
        if (s.choice === 'live' && now.pending < before.pending) s.refreshLive();
      }),
    [],
  );

  useEffect(() => {
    api.call('recording.list', { slideId }).then(
      (list) => (setSessions(list), setListError(null)),
      (e) => setListError(errorMessage(e)),
    );
  }, [slideId, endedCount, liveId]);

  const store = useBehaviorStore.getState();
  const selected = data?.effective.find((c) => c.key === selectedKey) ?? null;
  const inForce = data?.edits.some((e) => !e.reverted) ?? false;
  const earlier = sessions.filter((s) => s.id !== liveId);

  return (
    <div className="commands-panel">
      <label className="cmd-session">
        Session
        <select aria-label="Session" value={String(choice)} onChange={(e) => store.choose(e.target.value === 'live' ? 'live' : Number(e.target.value), liveId)}>
          <option value="live">{liveId ? `Live session #${liveId}` : 'Live session (not recording)'}</option>
          {earlier.map((s) => (
            <option key={s.id} value={s.id}>
              {sessionLabel(s)}
            </option>
          ))}
        </select>
      </label>
      {listError && <p className="bad small">{listError}</p>}

      {data && (
        <CommandThumbnail
          slideId={slideId}
          width={data.slide.width}
          height={data.slide.height}
          commands={data.effective}
          selectedKey={selectedKey}
          onPick={(c) => {
            store.select(c.key);
            flyTo(c);
          }}
        />
      )}

      {data && (
        <div className="cmd-tools" role="group" aria-label="Edit commands">
          <button onClick={() => store.startDrawing('redraw')} disabled={!selected || selected.deleted || busy || mode !== 'view'} title="Drag a new box for the selected command on the slide">
            Redraw box
          </button>
          <button onClick={() => store.startDrawing('add')} disabled={busy || mode !== 'view'} title="Drag a box on the slide, then choose its kind and magnification">
            Add box
          </button>
          <button onClick={() => void store.removeSelected()} disabled={!selected || selected.deleted || busy} title="Delete the selected command's box (Delete)">
            Delete
          </button>
          <button onClick={() => void store.undo()} disabled={!inForce || busy} title="Undo your latest edit of this session">
            Undo edit
          </button>
        </div>
      )}

      {mode !== 'view' && !draft && (
        <p className="cmd-hint small" role="status">
          {mode === 'redraw' ? `Drag the new box of command ${selected?.number ?? ''} on the slide.` : 'Drag the new box on the slide.'} Esc cancels.{' '}
          <button className="link" onClick={store.cancelDrawing}>
            Cancel
          </button>
        </p>
      )}
      {draft && data && <AddCommandForm config={data.config} />}
      {error && (
        <p className="bad small" role="alert">
          {error}
        </p>
      )}

      {data === null && !loading && <p className="muted small">{choice === 'live' && !liveId ? 'Navigation is not being recorded; choose an earlier session.' : 'No session to show.'}</p>}
      {loading && <p className="muted small">Loading commands…</p>}
      {data && data.effective.length === 0 && <p className="muted small">No commands yet: rest on a region (about a second) or pan across one to make one.</p>}
      {data && data.effective.length > 0 && (
        <>
          <p className="small muted">
            {data.derived.length} recorded · {data.effective.filter((c) => c.provenance === 'edited').length} edited · {data.effective.filter((c) => c.provenance === 'added').length} added ·{' '}
            {data.effective.filter((c) => c.deleted).length} deleted
          </p>
          <ol className="cmd-list" aria-label="Commands">
            {nestCommands(data.effective).map(({ command, children }) => (
              <CommandRow key={command.key} c={command} children={children} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
