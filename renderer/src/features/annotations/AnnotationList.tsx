import { useMemo, useState } from 'react';
import { useAnnotationStore } from '../../stores/useAnnotationStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { UNCLASSIFIED_COLOUR } from './drawAnnotations';
import { selectClick } from './selection';
import { flyToAnnotation } from './flyTo';
import { goToNextAnnotation } from './useAnnotationKeys';
import { annotationTitle, filteredIds, measurementText } from './listing';

const ROW_PX = 28;
const VIEW_ROWS = 12;

/** The slide's annotations (filtered by class), drawn a screenful at a time so 10,000 rows cost what 20 do. */
export function AnnotationList() {
  const revision = useAnnotationStore((s) => s.revision);
  const filter = useAnnotationStore((s) => s.filter);
  const classes = useAnnotationStore((s) => s.classes);
  const selected = useAnnotationStore((s) => s.selected);
  const mpp = useAnnotationStore((s) => s.mpp);
  const [scroll, setScroll] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ids = useMemo(() => filteredIds(useAnnotationStore.getState().annotations.values(), filter), [revision, filter]);
  const byClass = useMemo(() => new Map(classes.map((c) => [c.id, c])), [classes]);
  const annotations = useAnnotationStore.getState().annotations;
  const first = Math.max(0, Math.floor(scroll / ROW_PX) - 2);
  const shown = ids.slice(first, first + VIEW_ROWS + 4);

  const onRow = (id: number, shift: boolean) => {
    const store = useAnnotationStore.getState();
    store.select(selectClick(store.selected, id, shift));
    const viewer = useViewerStore.getState().viewer;
    const a = store.annotations.get(id);
    if (viewer && a && !shift) flyToAnnotation(viewer, a);
  };

  return (
    <section aria-label="Annotation list">
      <div className="list-head">
        <label className="small">
          Show{' '}
          <select
            aria-label="Filter by class"
            value={String(filter)}
            onChange={(e) => useAnnotationStore.getState().setFilter(e.target.value === 'all' || e.target.value === 'none' ? e.target.value : Number(e.target.value))}
          >
            <option value="all">all classes</option>
            <option value="none">unclassified</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small" data-testid="annotation-count">
          {ids.length.toLocaleString('en')}
        </span>
        <button className="link" title="Fly to the next annotation (N; Shift+N goes back)" onClick={() => goToNextAnnotation(false)} disabled={ids.length === 0}>
          Next
        </button>
      </div>
      {ids.length === 0 ? (
        <p className="muted small">No annotations{filter === 'all' ? ' on this slide yet' : ' of this class'}.</p>
      ) : (
        <div className="annotation-scroll" style={{ height: Math.min(ids.length, VIEW_ROWS) * ROW_PX }} onScroll={(e) => setScroll(e.currentTarget.scrollTop)}>
          <ul aria-label="Annotations" style={{ height: ids.length * ROW_PX }}>
            {shown.map((id, i) => {
              const a = annotations.get(id);
              if (!a) return null;
              const c = a.classId === null ? undefined : byClass.get(a.classId);
              return (
                <li key={id} style={{ top: (first + i) * ROW_PX, height: ROW_PX }} className={selected.has(id) ? 'selected' : ''}>
                  <button onClick={(e) => onRow(id, e.shiftKey)} aria-current={selected.has(id) ? 'true' : undefined}>
                    <span className="swatch" style={{ background: c?.colour ?? UNCLASSIFIED_COLOUR }} />
                    <span className="row-title">{annotationTitle(a)}</span>
                    <span className="muted small row-class">{c?.name ?? ''}</span>
                    <span className="small row-measure">{measurementText(a, mpp)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
