import { useRef, useState } from 'react';
import { useAnnotationStore } from '../../stores/useAnnotationStore';
import { downloadText } from './download';
import { plural } from './edits';
import type { AnnotationFileFormat } from './fileFormat';

/** Import a QuPath GeoJSON or ASAP XML file onto the slide; export the slide's annotations in either format. */
export function ImportExport() {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<string | null>(null);
  const busy = useAnnotationStore((s) => s.busy);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setResult(null);
    const counts = await useAnnotationStore.getState().importFile(file.name, await file.text());
    if (input.current) input.current.value = '';
    if (!counts) return;
    const skipped = counts.skipped.reduce((n, s) => n + s.count, 0);
    setResult(
      `Imported ${plural(counts.created, 'annotation')} from ${file.name}` +
        (counts.classesCreated.length ? `; new classes: ${counts.classesCreated.join(', ')}` : '') +
        (skipped ? `; skipped ${skipped} (${counts.skipped.map((s) => `${s.count} ${s.reason}`).join(', ')})` : '') +
        '.',
    );
  };

  const onExport = async (format: AnnotationFileFormat) => {
    const r = await useAnnotationStore.getState().exportText(format);
    if (r) downloadText(r.text, r.fileName, format === 'asap' ? 'application/xml' : 'application/geo+json');
  };

  return (
    <div className="annotation-io">
      <button onClick={() => input.current?.click()} disabled={!!busy}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".geojson,.json,.xml"
        aria-label="Import annotations file"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <button onClick={() => void onExport('geojson')}>Export GeoJSON</button>
      <button onClick={() => void onExport('asap')}>Export ASAP XML</button>
      {result && (
        <p className="small ok" role="status">
          {result}
        </p>
      )}
    </div>
  );
}
