import { useEffect, useMemo, useRef, useState } from 'react';
import type { EffectivenessPrediction, VideoInstance } from '../../../../shared/contract';
import { usePlaybackStore } from '../../stores/usePlaybackStore';
import { useProfileStore } from '../../stores/useProfileStore';
import { useVideoAnalysisStore } from '../../stores/useVideoAnalysisStore';
import { useVideoStore } from '../../stores/useVideoStore';
import { instanceLabel, labelOf } from './labels';
import { formatClock } from './timelineModel';

const ROW_H = 46;
const OVERSCAN = 6;

const PREDICT_DELAY_MS = 400;

function Prediction({ p }: { p: EffectivenessPrediction | undefined }) {
  if (!p) return null;
  const from = p.source === 'model' ? 'Trained model (not in its training data, or changed since)' : 'Out-of-fold prediction (a model that never saw this instance)';
  if (p.label === null) {
    return (
      <span className="pred unclear" title={`${from}: p = ${p.p.toFixed(2)}, too close to call, the model abstains`} data-testid="prediction" data-source={p.source}>
        unclear
      </span>
    );
  }
  return (
    <span
      className={`pred ${p.label ? 'yes' : 'no'}`}
      title={`${from}: p = ${p.p.toFixed(2)}, confidence ${(p.confidence * 100).toFixed(0)} %`}
      data-testid="prediction"
      data-source={p.source}
    >
      {p.label ? 'adjusts' : 'no change'} {(p.confidence * 100).toFixed(0)}%
    </span>
  );
}

/** Every instance of the video, windowed (only the rows in view are in the DOM); a click selects and seeks. */
export function InstanceList() {
  const instances = useVideoStore((s) => s.instances);
  const selectedId = useVideoStore((s) => s.selectedId);
  const opened = useVideoStore((s) => s.opened);
  const myId = useProfileStore((s) => s.current?.id ?? null);
  const run = useVideoAnalysisStore((s) => s.run);
  const loaded = useVideoAnalysisStore((s) => s.predictions);
  const videoId = opened?.video.id ?? null;
  const outOfFold = useMemo(() => new Map((run?.predictions ?? []).map((p) => [p.instanceId, p])), [run]);
  const predictions = loaded && loaded.videoId === videoId && loaded.runId === run?.id ? loaded.byInstance : outOfFold;
  // What the predictions depend on: the run and each accepted instance as stored.
  const predictionKey = useMemo(
    () => `${run?.id ?? ''}|${instances.filter((i) => i.status === 'accepted').map((i) => `${i.id}@${i.updatedAt}`).join(',')}`,
    [run, instances],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(() => {
    if (videoId === null || !run) return;
    const t = setTimeout(() => void useVideoAnalysisStore.getState().loadPredictions(videoId), PREDICT_DELAY_MS);
    return () => clearTimeout(t);
  }, [videoId, run, predictionKey]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view (selection also comes from the timeline).
  useEffect(() => {
    const el = scrollRef.current;
    const k = instances.findIndex((i) => i.id === selectedId);
    if (!el || k < 0) return;
    if (k * ROW_H < el.scrollTop || (k + 1) * ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, k * ROW_H - el.clientHeight / 3);
  }, [selectedId, instances]);

  if (!opened) return null;
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(instances.length, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN);
  const v = opened.vocabulary;
  const row = (i: VideoInstance, k: number) => {
    const mine = i.annotatorId === myId;
    const pick = () => {
      useVideoStore.getState().select(i.id);
      usePlaybackStore.getState().seek(i.startMs);
    };
    return (
      <li
        key={i.id}
        className={`instance-row${i.id === selectedId ? ' selected' : ''}${i.status === 'proposed' ? ' proposed' : ''}${mine ? '' : ' other'}`}
        style={{ top: k * ROW_H, height: ROW_H }}
        aria-selected={i.id === selectedId}
        data-testid="instance-row"
      >
        <button className="instance-main" onClick={pick} aria-label={`Instance ${formatClock(i.startMs)} to ${formatClock(i.endMs)}`}>
          <span className="mono">
            {formatClock(i.startMs)}–{formatClock(i.endMs)}
          </span>
          <span className="speaker">{labelOf(v.speakers, i.speaker)}</span>
          <span className="summary">{instanceLabel(i, v) || <span className="muted">no labels yet</span>}</span>
          {!mine && <span className="muted small">{i.annotatorName}</span>}
        </button>
        <Prediction p={predictions.get(i.id)} />
        {i.status === 'proposed' && mine && (
          <span className="proposal-buttons">
            <button className="link" onClick={() => void useVideoStore.getState().review(i.id, 'accept')}>
              Accept
            </button>
            <button className="link danger" onClick={() => void useVideoStore.getState().review(i.id, 'reject')}>
              Reject
            </button>
          </span>
        )}
      </li>
    );
  };
  const proposals = instances.filter((i) => i.status === 'proposed').length;
  return (
    <section className="instance-list" aria-label="Feedback instances">
      <h3>
        Instances <span className="muted small">({instances.length - proposals}{proposals ? ` + ${proposals} proposal(s)` : ''})</span>
      </h3>
      <div className="instance-scroll" ref={scrollRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        {instances.length === 0 ? (
          <p className="muted small">None yet. Play the video and press I where feedback starts and O where it ends, or propose instances from speech.</p>
        ) : (
          <ul style={{ height: instances.length * ROW_H }}>{instances.slice(first, last).map((i, k) => row(i, first + k))}</ul>
        )}
      </div>
    </section>
  );
}
