import { useEffect } from 'react';
import type { LibraryFile } from '../../../../shared/contract';
import { useLibraryStore } from '../../stores/useLibraryStore';
import { useNavStore } from '../../stores/useNavStore';
import { useSlideStore } from '../../stores/useSlideStore';
import { useVideoLibraryStore, type VideoSummary } from '../../stores/useVideoLibraryStore';
import { useVideoStore } from '../../stores/useVideoStore';
import { formatClock } from '../video/timelineModel';
import { formatBytes } from './formatBytes';

/** A video's still, length and picture size (probed once by the core), or why it cannot be read. */
function VideoFacts({ v }: { v: VideoSummary | undefined }) {
  if (!v) return <span className="muted small">…</span>;
  if (v.problem) return <span className="bad small">{v.problem}</span>;
  return (
    <span className="video-facts" data-testid="video-facts">
      {v.thumbnail && <img src={v.thumbnail} alt="" width={64} style={{ verticalAlign: 'middle', marginRight: 6, borderRadius: 3 }} data-testid="video-thumbnail" />}
      <span className="mono small">
        {v.durationMs !== null ? formatClock(v.durationMs) : '?'}
        {v.width ? ` · ${v.width}×${v.height}` : ' · sound only'}
      </span>
    </span>
  );
}

export function FileTable({ files }: { files: LibraryFile[] }) {
  const removeFile = useLibraryStore((s) => s.removeFile);
  const openSlide = useSlideStore((s) => s.open);
  const videoFacts = useVideoLibraryStore((s) => s.byVideo);
  const videoIds = files.filter((f) => f.kind === 'video').map((f) => f.id);
  const caseId = files[0]?.caseId ?? null;
  const videoKey = videoIds.join(',');
  useEffect(() => {
    if (caseId !== null && videoKey) void useVideoLibraryStore.getState().load(caseId, videoKey.split(',').map(Number));
  }, [caseId, videoKey]);
  const openFile = (f: LibraryFile) => {
    if (f.kind === 'slide') return void openSlide(f.id);
    void useVideoStore.getState().open(f.id);
    useNavStore.getState().go('video');
  };
  return (
    <table className="files" aria-label="Files in case">
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Format</th>
          <th className="num">Size</th>
          <th>Media</th>
          <th>sha256</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={`${f.kind}-${f.id}`} onDoubleClick={() => openFile(f)}>
            <td title={f.path}>
              <button className="link" onClick={() => openFile(f)} title={f.kind === 'slide' ? 'Open in the viewer' : 'Open in the Video section'}>
                {f.name}
              </button>
            </td>
            <td>{f.kind}</td>
            <td>{f.format}</td>
            <td className="num">{formatBytes(f.size)}</td>
            <td>{f.kind === 'video' ? <VideoFacts v={videoFacts.get(f.id)} /> : null}</td>
            <td className="mono" title={f.sha256}>
              {f.sha256.slice(0, 12)}…
            </td>
            <td>
              <button
                className="link danger"
                onClick={() => {
                  if (confirm(`Remove ${f.name} from this case? Its recordings stay in the audit log.`)) void removeFile(f);
                }}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
