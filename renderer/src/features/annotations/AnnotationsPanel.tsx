import { useAnnotationStore } from '../../stores/useAnnotationStore';
import { useAnnotationToolStore } from '../../stores/useAnnotationToolStore';
import { AnnotationList } from './AnnotationList';
import { ClassEditor } from './ClassEditor';
import { ImportExport } from './ImportExport';
import { SelectionDetails } from './SelectionDetails';

/** The Annotations tab: the selection's details, the list, the project's classes, import and export. */
export function AnnotationsPanel() {
  const loading = useAnnotationStore((s) => s.loading);
  const error = useAnnotationStore((s) => s.error);
  const classes = useAnnotationStore((s) => s.classes);
  const drawClassId = useAnnotationToolStore((s) => s.drawClassId);
  return (
    <div className="annotations-panel">
      {error && (
        <p className="bad small" role="alert">
          {error}
        </p>
      )}
      {loading && <p className="muted small">Loading annotations…</p>}
      <SelectionDetails />
      <label className="small draw-class">
        New annotations:{' '}
        <select
          aria-label="Class of new annotations"
          value={drawClassId === null ? '' : String(drawClassId)}
          onChange={(e) => useAnnotationToolStore.getState().setDrawClass(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">Unclassified</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <AnnotationList />
      <details open>
        <summary>Classes ({classes.length})</summary>
        <ClassEditor />
      </details>
      <ImportExport />
    </div>
  );
}
