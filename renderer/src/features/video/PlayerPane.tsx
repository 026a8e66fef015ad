import { useEffect, useRef } from 'react';
import type { OpenedVideo } from '../../../../shared/contract';
import { PLAYBACK_RATES, JUMP_MS, usePlaybackStore } from '../../stores/usePlaybackStore';
import { useVideoStore } from '../../stores/useVideoStore';
import type { PlaybackRecorder } from './playbackRecorder';
import { formatClock } from './timelineModel';

/** The <video> element and its controls; the annotator's playback actions are recorded as events. */
export function PlayerPane({ opened }: { opened: OpenedVideo }) {
  const ref = useRef<HTMLVideoElement>(null);
  const attach = usePlaybackStore((s) => s.attach);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    attach(el, opened.media.fps);
    // The session outlives the player (VideoView owns it), so an edit on another tab still belongs to it.
    const record: PlaybackRecorder['record'] = (...args) => {
      const rec = usePlaybackStore.getState().recorder;
      if (rec?.videoId === opened.video.id) rec.record(...args);
    };
    let raf = 0;
    const loop = () => {
      usePlaybackStore.getState().tick();
      raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    let stableMs = 0;
    const pos = () => el.currentTime * 1000;
    const on: Record<string, () => void> = {
      loadedmetadata: () => record('open', pos()),
      play: () => record('play', pos()),
      pause: () => record('pause', pos()),
      ended: () => record('ended', pos()),
      ratechange: () => record('rate', pos(), { value: el.playbackRate }),
      seeked: () => {
        record('seek', pos(), { fromMs: stableMs });
        stableMs = pos();
      },
      timeupdate: () => {
        if (!el.seeking) stableMs = pos();
      },
      error: () => usePlaybackStore.getState().say(`This browser cannot play ${opened.video.name} (${opened.media.codec}): ${el.error?.message || 'unsupported format'}.`),
    };
    for (const [k, f] of Object.entries(on)) el.addEventListener(k, f);
    const unsubscribe = usePlaybackStore.subscribe((s, prev) => {
      if (!!s.loop !== !!prev.loop) record('loop', pos(), { value: s.loop ? 1 : 0 });
    });
    return () => {
      cancelAnimationFrame(raf);
      unsubscribe();
      for (const [k, f] of Object.entries(on)) el.removeEventListener(k, f);
      attach(null, 0);
    };
  }, [opened, attach]);

  return (
    <div className="video-player">
      <div className="video-frame">
        <video ref={ref} src={opened.urls.media} preload="auto" playsInline aria-label="Video" data-testid="video-element" onClick={() => usePlaybackStore.getState().togglePlay()} />
      </div>
      <PlayerControls />
    </div>
  );
}

function PlayerControls() {
  const { currentMs, durationMs, playing, rate, loop, markInMs, message } = usePlaybackStore();
  const p = usePlaybackStore.getState();
  const selected = useVideoStore((s) => s.instances.find((i) => i.id === s.selectedId) ?? null);
  const loopSpan = selected ? { startMs: selected.startMs, endMs: selected.endMs } : markInMs !== null && currentMs > markInMs ? { startMs: markInMs, endMs: currentMs } : null;
  return (
    <div className="player-controls" role="toolbar" aria-label="Playback">
      <button className="primary" onClick={() => p.togglePlay()} aria-label={playing ? 'Pause' : 'Play'} title="Space or K">
        {playing ? 'Pause' : 'Play'}
      </button>
      <button onClick={() => p.jump(-JUMP_MS)} title="← or J" aria-label="Back 5 seconds">
        −5 s
      </button>
      <button onClick={() => p.step(-1)} title="," aria-label="Previous frame">
        ◂ frame
      </button>
      <button onClick={() => p.step(1)} title="." aria-label="Next frame">
        frame ▸
      </button>
      <button onClick={() => p.jump(JUMP_MS)} title="→ or L" aria-label="Forward 5 seconds">
        +5 s
      </button>
      <span className="clock mono" data-testid="video-clock">
        {formatClock(currentMs, 2)} / {formatClock(durationMs, 2)}
      </span>
      <label className="rate">
        Speed
        <select value={rate} onChange={(e) => p.setRate(Number(e.target.value))} aria-label="Playback speed">
          {PLAYBACK_RATES.map((r) => (
            <option key={r} value={r}>
              {r}×
            </option>
          ))}
        </select>
      </label>
      <button
        className={loop ? 'active' : ''}
        aria-pressed={!!loop}
        disabled={!loop && !loopSpan}
        onClick={() => p.setLoop(loop ? null : loopSpan)}
        title="Loop the selected instance (or the span from I to now) — R"
      >
        {loop ? `Looping ${formatClock(loop.startMs)}–${formatClock(loop.endMs)}` : 'Loop'}
      </button>
      <span className="marks">
        {markInMs !== null ? (
          <span className="mark-in" data-testid="mark-in">
            In at {formatClock(markInMs, 2)} — press O to end
          </span>
        ) : (
          <span className="muted small">I / O: mark feedback</span>
        )}
      </span>
      {message && (
        <span className="bad small" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
