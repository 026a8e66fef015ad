import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLibraryStore } from '../../stores/useLibraryStore';
import { useReviewStore, type ReviewOrder, type ReviewStatus } from '../../stores/useReviewStore';
import { QueueList } from './QueueList';
import { ReviewDashboardPanel } from './ReviewDashboardPanel';
import { ReviewItemPanel } from './ReviewItemPanel';

export function ReviewView() {
  const { projects, projectId: libraryProject, loadProjects } = useLibraryStore();
  const s = useReviewStore();
  const [showDashboard, setShowDashboard] = useState(false);
  const [names, setNames] = useState<string[]>([]);
  const { load, projectId } = s;

  useEffect(() => {
    if (projects.length === 0) void loadProjects();
  }, [projects.length, loadProjects]);
  useEffect(() => {
    const wanted = projectId ?? libraryProject ?? projects[0]?.id ?? null;
    if (wanted !== null && wanted !== projectId) void load(wanted);
  }, [libraryProject, projects, projectId, load]);
  useEffect(() => {
    if (projectId === null) return;
    api.call('review.identifierNames', { projectId }).then(
      (r) => setNames(r.names),
      () => setNames([]),
    );
  }, [projectId]);

  const item = s.items[s.index] ?? null;
  const next = s.items[s.index + 1] ?? null;
  useEffect(() => {
    // Warm the browser cache with the next item's images so moving on shows them at once.
    if (!next) return;
    for (const url of [next.images.thumbnail, next.images.region, ...next.images.highPower]) if (url) new Image().src = url;
  }, [next]);
  return (
    <div className="review">
      <aside className="side-panel review-side">
        <label>
          <span className="muted small">Project</span>
          <select value={projectId ?? ''} onChange={(e) => void load(Number(e.target.value))} aria-label="Project">
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <div className="review-controls">
          <label>
            <span className="muted small">Show</span>
            <select value={s.status} onChange={(e) => (e.currentTarget.blur(), void s.setStatus(e.target.value as ReviewStatus))} aria-label="Show">
              <option value="pending">To review ({s.counts.pending})</option>
              <option value="reviewed">Reviewed ({s.counts.reviewed})</option>
              <option value="all">All ({s.counts.total})</option>
            </select>
          </label>
          <label>
            <span className="muted small">Order</span>
            <select value={s.order} onChange={(e) => (e.currentTarget.blur(), void s.setOrder(e.target.value as ReviewOrder))} aria-label="Order">
              <option value="queue">Case by case</option>
              <option value="uncertainty">Most uncertain first</option>
            </select>
          </label>
          <fieldset className="mode-switch">
            <legend className="muted small">Mode</legend>
            <label className="row">
              <input type="radio" name="review-mode" checked={s.mode === 'review'} onChange={(e) => (e.currentTarget.blur(), s.setMode('review'))} /> Review AI drafts
            </label>
            <label className="row">
              <input type="radio" name="review-mode" checked={s.mode === 'manual'} onChange={(e) => (e.currentTarget.blur(), s.setMode('manual'))} /> Manual (baseline)
            </label>
          </fieldset>
        </div>
        {/* The buttons give focus back after a click, so Enter, X and E keep acting on the item. */}
        <div className="review-buttons">
          <button onClick={(e) => (e.currentTarget.blur(), void s.sync())} disabled={s.busy || projectId === null}>
            Update queue
          </button>
          <button className="primary" onClick={(e) => (e.currentTarget.blur(), void s.draft())} disabled={s.busy || projectId === null}>
            Draft rationales
          </button>
          <button className={showDashboard ? 'active' : ''} onClick={(e) => (e.currentTarget.blur(), setShowDashboard((v) => !v))} aria-pressed={showDashboard}>
            Dashboard
          </button>
        </div>
        <p className="muted small" aria-live="polite">
          {s.counts.drafted} of {s.counts.total} drafted · {s.counts.reviewed} reviewed
        </p>
        <QueueList />
      </aside>
      <main className="content review-main">
        <ErrorBanner message={s.error} onDismiss={s.clearError} />
        {s.notice && (
          <p className="review-notice" role="status">
            {s.notice}
          </p>
        )}
        {showDashboard && <ReviewDashboardPanel />}
        {s.loading && <p className="muted">Loading the queue…</p>}
        {!s.loading && projects.length === 0 && (
          <EmptyState title="Nothing to review">
            <p>Create a project in the Library, add slides and look at them: every region you inspect becomes an item here.</p>
          </EmptyState>
        )}
        {!s.loading && projectId !== null && s.items.length === 0 && (
          <EmptyState title={s.status === 'pending' && s.counts.total > 0 ? 'All items reviewed' : 'Nothing to review'}>
            <p>
              Regions you inspected on a slide and regions a model proposed appear here with drafted rationales to accept (Enter), edit (E) or reject (X). Record a
              navigation session on a slide, then press “Update queue”.
            </p>
          </EmptyState>
        )}
        {item && <ReviewItemPanel key={`${item.id}:${item.draft?.id ?? 0}:${s.mode}`} item={item} names={names} />}
      </main>
    </div>
  );
}
