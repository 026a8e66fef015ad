import type { LibraryFile } from '../../../../shared/contract';
import { useLibraryStore } from '../../stores/useLibraryStore';
import { useNavStore } from '../../stores/useNavStore';
import { useSlideStore } from '../../stores/useSlideStore';
import { useVideoStore } from '../../stores/useVideoStore';
import { formatBytes } from './formatBytes';

export function FileTable({ files }: { files: LibraryFile[] }) {
  const removeFile = useLibraryStore((s) => s.removeFile);
  const openSlide = useSlideStore((s) => s.open);
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
