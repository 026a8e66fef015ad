import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState } from '../../components/EmptyState';
import { useExportStore } from '../../stores/useExportStore';
import { useJobsStore } from '../../stores/useJobsStore';
import { useLibraryStore } from '../../stores/useLibraryStore';
import { useNavStore } from '../../stores/useNavStore';
import { useReviewStore } from '../../stores/useReviewStore';

function NamesEditor() {
  const names = useExportStore((s) => s.names);
  const saveNames = useExportStore((s) => s.saveNames);
  const [text, setText] = useState(names.join('\n'));
  useEffect(() => setText(names.join('\n')), [names]);
  return (
    <label>
      <span>Names to check texts for (one per line: patients, relatives, staff)</span>
      <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-label="Names to check for" />
      <button onClick={() => void saveNames(text.split('\n'))} disabled={text === names.join('\n')}>
        Save names
      </button>
    </label>
  );
}

export function ExportView() {
  const { projects, projectId: libraryProject, loadProjects } = useLibraryStore();
  const s = useExportStore();
  const progress = useJobsStore((j) => (s.jobId ? j.jobs[s.jobId] : undefined));
  const go = useNavStore((n) => n.go);
  const { setProject, projectId } = s;

  useEffect(() => {
    if (projects.length === 0) void loadProjects();
  }, [projects.length, loadProjects]);
  useEffect(() => {
    const wanted = projectId ?? libraryProject ?? projects[0]?.id ?? null;
    if (wanted !== null && wanted !== projectId) void setProject(wanted);
  }, [libraryProject, projects, projectId, setProject]);

  if (projects.length === 0) {
    return (
      <main className="content">
        <EmptyState title="Nothing to export yet">
          <p>Reviewed regions are exported from here as a de-identified dataset.</p>
        </EmptyState>
      </main>
    );
  }
  const p = s.preflight;
  const pct = progress?.total ? Math.round((100 * progress.done) / progress.total) : null;
  const resume = s.folder?.state === 'partial';
  const openInReview = (itemId: number) => {
    const r = useReviewStore.getState();
    const i = r.items.findIndex((x) => x.id === itemId);
    if (i >= 0) r.select(i);
    go('review');
  };
  return (
    <main className="content export">
      <ErrorBanner message={s.error} onDismiss={s.clearError} />
      <section className="card" aria-label="Pathology-CoT export">
        <h2>Pathology-CoT dataset</h2>
        <label>
          <span>Project</span>
          <select value={projectId ?? ''} onChange={(e) => void setProject(Number(e.target.value))} aria-label="Project">
            {projects.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        {p && (
          <p data-testid="export-summary">
            {p.cases} case{p.cases === 1 ? '' : 's'}, {p.regions} region{p.regions === 1 ? '' : 's'}, {p.highPowerCrops} high-power crop{p.highPowerCrops === 1 ? '' : 's'} ready;{' '}
            {p.rejected} rejected{s.includeRejected ? ' (included)' : ' (left out)'}; {p.unreviewed} not reviewed yet (never exported).
          </p>
        )}
        <label>
          <span>Output folder (on this computer; it must not exist yet)</span>
          <input
            value={s.out}
            onChange={(e) => s.setOut(e.target.value)}
            onBlur={() => void s.checkFolder()}
            placeholder="/home/me/datasets/study-2026"
            aria-label="Output folder"
            className="mono"
          />
        </label>
        {s.folder?.state === 'partial' && <p className="cmd-hint">An interrupted export is there ({s.folder.casesWritten} cases written): exporting again resumes it.</p>}
        {s.folder?.state === 'complete' && !s.result && <p className="bad">A finished export is already in that folder: choose another.</p>}
        {s.folder?.state === 'other' && <p className="bad">That folder is not empty: choose another.</p>}
        <label className="row">
          <input type="checkbox" checked={s.includeRejected} onChange={(e) => void s.setIncludeRejected(e.target.checked)} /> Include rejected regions (marked as
          rejected, never in conversations)
        </label>
        <label className="row">
          <input type="checkbox" checked={s.deidentify} onChange={(e) => s.setDeidentify(e.target.checked)} /> De-identify (pseudonyms for slides, cases and reviewers;
          identifiers removed from texts)
        </label>
        {!s.deidentify && <p className="bad">Without de-identification, slide, case and reviewer names and every text go into the dataset as they are.</p>}
        {p && p.flags.length > 0 && (
          <div className="flag-list" role="status">
            <strong>
              {p.flags.length} possible identifier{p.flags.length === 1 ? '' : 's'} in reviewed texts
            </strong>
            {s.deidentify ? ' — they will be replaced by “[removed]”; better fix them in review:' : ':'}
            <ul>
              {p.flags.map((f, i) => (
                <li key={`${f.itemId}-${f.field}-${i}`}>
                  “{f.text}” ({f.kind}) in {f.field}, {f.caseName} / {f.slideName}{' '}
                  <button className="link" onClick={() => openInReview(f.itemId)}>
                    review
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="export-actions">
          <button className="primary" disabled={s.running || !s.out.trim() || !p || p.cases === 0} onClick={() => void s.run()}>
            {resume ? 'Resume export' : 'Export dataset'}
          </button>
          {s.running && (
            <>
              <progress max={100} value={pct ?? undefined} aria-label="Export progress" />
              <span className="muted small">{progress ? `${progress.done}/${progress.total ?? '?'} images` : 'Starting…'}</span>
              <button onClick={() => void s.cancel()}>Cancel</button>
            </>
          )}
        </div>
        {s.result && (
          <p className="ok" role="status" data-testid="export-result">
            Exported {s.result.cases} case{s.result.cases === 1 ? '' : 's'}, {s.result.regions} regions, {s.result.images} images to {s.result.out}
            {s.result.casesResumed ? ` (${s.result.casesResumed} kept from the interrupted run)` : ''}
            {s.result.redactions ? `; ${s.result.redactions} identifiers removed` : ''}.
          </p>
        )}
      </section>
      <section className="card">
        <h2>De-identification</h2>
        <p className="muted small">
          Texts are checked for these names, for dates and for record or accession numbers. Findings are shown to the reviewer in the Review section and listed above
          before export.
        </p>
        <NamesEditor />
      </section>
    </main>
  );
}
