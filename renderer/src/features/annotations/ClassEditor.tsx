import { useState } from 'react';
import { CLASS_PALETTE } from '../../../../shared/annotations/colour';
import type { AnnotationClass } from '../../../../shared/contract';
import { useAnnotationStore } from '../../stores/useAnnotationStore';

const DIGITS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

function ClassRow({ c, taken }: { c: AnnotationClass; taken: Set<number> }) {
  const { updateClass, deleteClass } = useAnnotationStore.getState();
  const [name, setName] = useState(c.name);
  const saveName = () => {
    if (name.trim() && name !== c.name) void updateClass(c.id, { name: name.trim() }).then((ok) => ok || setName(c.name));
  };
  const onDelete = () => {
    const used = c.annotationCount;
    let here = 0;
    for (const a of useAnnotationStore.getState().annotations.values()) if (a.classId === c.id) here++;
    const elsewhere = used - here;
    const undo = elsewhere > 0 ? ` ${elsewhere} of them ${elsewhere === 1 ? 'is' : 'are'} on other slides, so this cannot be undone.` : ' Ctrl+Z undoes it.';
    const ok = used === 0 || window.confirm(`${used} annotation${used === 1 ? '' : 's'} of this project ${used === 1 ? 'is' : 'are'} ${c.name}. Delete the class and leave ${used === 1 ? 'it' : 'them'} unclassified?${undo}`);
    if (ok) void deleteClass(c.id);
  };
  return (
    <li className="class-row">
      <input type="color" value={c.colour} aria-label={`Colour of ${c.name}`} onChange={(e) => void updateClass(c.id, { colour: e.target.value })} />
      <input
        className="class-name"
        value={name}
        aria-label={`Name of ${c.name}`}
        onChange={(e) => setName(e.target.value)}
        onBlur={saveName}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      <select
        aria-label={`Shortcut of ${c.name}`}
        title="Shift + this digit gives the selection this class"
        value={c.shortcut ?? ''}
        onChange={(e) => void updateClass(c.id, { shortcut: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">no key</option>
        {DIGITS.map((d) => (
          <option key={d} value={d} disabled={taken.has(d) && c.shortcut !== d}>
            ⇧{d}
          </option>
        ))}
      </select>
      <span className="muted small" title="Annotations of this class in the project">
        {c.annotationCount}
      </span>
      <button className="link danger" aria-label={`Delete class ${c.name}`} onClick={onDelete}>
        ✕
      </button>
    </li>
  );
}

/** The project's class list: name, colour and Shift+digit shortcut of each, editable; add and delete classes. */
export function ClassEditor() {
  const classes = useAnnotationStore((s) => s.classes);
  const [name, setName] = useState('');
  const taken = new Set(classes.map((c) => c.shortcut).filter((d): d is number => d !== null));
  const add = async () => {
    const free = DIGITS.find((d) => !taken.has(d)) ?? null;
    const used = new Set(classes.map((c) => c.colour.toLowerCase()));
    const colour = CLASS_PALETTE.find((c) => !used.has(c));
    if (name.trim() && (await useAnnotationStore.getState().createClass({ name: name.trim(), shortcut: free, colour }))) setName('');
  };
  return (
    <section aria-label="Classes">
      <ul className="class-list">
        {classes.map((c) => (
          // Keyed by name too, so a rename elsewhere resets the field.
          <ClassRow key={`${c.id}:${c.name}`} c={c} taken={taken} />
        ))}
      </ul>
      <form
        className="inline-create"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="New class" aria-label="New class name" />
        <button type="submit" disabled={!name.trim()}>
          Add class
        </button>
      </form>
    </section>
  );
}
