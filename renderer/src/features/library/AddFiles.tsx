import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { SUPPORTED_EXTENSIONS } from '../../../../shared/domain/fileKinds';
import { api } from '../../api/client';
import { useLibraryStore } from '../../stores/useLibraryStore';

const ACCEPT = SUPPORTED_EXTENSIONS.join(',');

/** File picker, drag-and-drop onto the case, and (for files already on this machine) a path field. */
export function AddFiles() {
  const addFiles = useLibraryStore((s) => s.addFiles);
  const addPath = useLibraryStore((s) => s.addPath);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [path, setPath] = useState('');

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length) void addFiles(files);
  }
  async function onPath(e: FormEvent) {
    e.preventDefault();
    if (await addPath(path.trim())) setPath('');
  }

  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      aria-label="Add slides or videos"
    >
      <p>
        Drop slides or videos here, or{' '}
        <button className="link" onClick={() => input.current?.click()}>
          choose files…
        </button>
      </p>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void addFiles(files);
        }}
      />
      {api.door === 'browser' && <p className="muted small">In browser mode a chosen file is copied into Sightline's data folder. To keep a large slide where it is, give its path:</p>}
      <form className="inline-create" onSubmit={onPath}>
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/slide.svs" aria-label="File path" />
        <button type="submit" disabled={!path.trim()}>
          Add path
        </button>
      </form>
    </div>
  );
}
