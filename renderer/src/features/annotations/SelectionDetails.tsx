import { useState } from 'react';
import { formatAreaUm2, formatLengthUm, measure } from '../../../../shared/annotations/measure';
import type { Annotation, AnnotationClass, Mpp } from '../../../../shared/contract';
import { useAnnotationStore } from '../../stores/useAnnotationStore';
import { plural } from './edits';
import { annotationTitle, TYPE_NAMES } from './listing';

function ClassSelect({ classes, value, onChange, label }: { classes: AnnotationClass[]; value: number | null | 'mixed'; onChange(id: number | null): void; label: string }) {
  return (
    <label>
      Class
      <select aria-label={label} value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        {value === 'mixed' && <option value="mixed">(several)</option>}
        <option value="">Unclassified</option>
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.shortcut !== null ? ` (⇧${c.shortcut})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

function Measurements({ a, mpp }: { a: Annotation; mpp: Mpp | null }) {
  const g = a.geometry;
  const m = measure(g, mpp);
  const rows: Array<[string, string]> = [];
  if (g.type === 'line') rows.push(['Length', m.lengthUm !== null ? formatLengthUm(m.lengthUm) : `${m.lengthPx.toFixed(1)} px`]);
  else if (g.type !== 'point' && g.type !== 'multipoint') {
    rows.push(['Area', m.areaUm2 !== null ? formatAreaUm2(m.areaUm2) : `${Math.round(m.areaPx).toLocaleString('en')} px²`]);
    rows.push(['Perimeter', m.lengthUm !== null ? formatLengthUm(m.lengthUm) : `${m.lengthPx.toFixed(1)} px`]);
  } else if (g.type === 'point') rows.push(['At', `${g.x.toFixed(0)}, ${g.y.toFixed(0)} px`]);
  else rows.push(['Points', String(g.points.length)]);
  return (
    <dl className="facts small" aria-label="Measurements">
      {rows.map(([k, v]) => (
        <FactRow key={k} k={k} v={v} />
      ))}
    </dl>
  );
}

function FactRow({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd data-testid={`measure-${k.toLowerCase()}`}>{v}</dd>
    </>
  );
}

/** Name and description of one annotation, saved when the field is left (each save can be undone). */
function TextFields({ a }: { a: Annotation }) {
  const [name, setName] = useState(a.name);
  const [description, setDescription] = useState(a.description);
  const save = (fields: { name?: string; description?: string }, label: string) => {
    void useAnnotationStore.getState().update([{ id: a.id, fields }], label);
  };
  return (
    <>
      <label>
        Name
        <input value={name} placeholder={annotationTitle({ ...a, name: '' })} onChange={(e) => setName(e.target.value)} onBlur={() => name !== a.name && save({ name }, 'rename')} />
      </label>
      <label>
        Description
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} onBlur={() => description !== a.description && save({ description }, 'description')} />
      </label>
    </>
  );
}

/** The selected annotation(s): measurements, class, name and description, delete. */
export function SelectionDetails() {
  const selected = useAnnotationStore((s) => s.selected);
  useAnnotationStore((s) => s.revision);
  const classes = useAnnotationStore((s) => s.classes);
  const mpp = useAnnotationStore((s) => s.mpp);
  const annotations = useAnnotationStore.getState().annotations;
  const chosen = [...selected].map((id) => annotations.get(id)).filter((a): a is Annotation => a !== undefined);
  if (chosen.length === 0) return <p className="muted small">Click an annotation to select it (Shift adds to the selection).</p>;
  const store = useAnnotationStore.getState();
  const setClass = (classId: number | null) => {
    const name = classId === null ? 'unclassified' : (classes.find((c) => c.id === classId)?.name ?? 'class');
    void store.update(
      chosen.map((a) => ({ id: a.id, fields: { classId } })),
      `class ${name}`,
    );
  };
  if (chosen.length > 1) {
    const ids = new Set(chosen.map((a) => a.classId));
    return (
      <section className="selection card" aria-label="Selected annotations">
        <strong>{plural(chosen.length, 'annotation')} selected</strong>
        <ClassSelect classes={classes} value={ids.size === 1 ? chosen[0].classId : 'mixed'} onChange={setClass} label="Class of the selection" />
        <button className="danger" onClick={() => void store.remove(selected)}>
          Delete {chosen.length}
        </button>
      </section>
    );
  }
  const a = chosen[0];
  return (
    <section className="selection card" aria-label="Selected annotation">
      <div>
        <strong>{annotationTitle(a)}</strong> <span className="muted small">{TYPE_NAMES[a.geometry.type]}{a.authorName ? ` · ${a.authorName}` : ''}</span>
      </div>
      <Measurements a={a} mpp={mpp} />
      <ClassSelect classes={classes} value={a.classId} onChange={setClass} label="Class of the selection" />
      {/* Keyed by version: an undo or another window's change resets the fields. */}
      <TextFields key={`${a.id}:${a.version}`} a={a} />
      <button className="danger" onClick={() => void store.remove([a.id])}>
        Delete
      </button>
    </section>
  );
}
