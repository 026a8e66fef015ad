import { useEffect } from 'react';
import { useReviewStore } from '../../stores/useReviewStore';
import { BarChart } from './BarChart';
import { formatMs, formatRate } from './reviewFormat';

/** Median time per item with drafts (review) and without (manual), acceptance and edit rates, per reviewer. */
export function ReviewDashboardPanel() {
  const dashboard = useReviewStore((s) => s.dashboard);
  const loadDashboard = useReviewStore((s) => s.loadDashboard);
  const projectId = useReviewStore((s) => s.projectId);
  useEffect(() => {
    void loadDashboard();
  }, [loadDashboard, projectId]);
  if (!dashboard) return <p className="muted">Loading figures…</p>;
  const { overall, reviewers, items, speedup } = dashboard;
  return (
    <section className="card review-dashboard" aria-label="Review dashboard">
      <h2>Review dashboard</h2>
      <p className="muted small">
        {items.reviewed} of {items.total} items reviewed ({items.drafted} drafted). Each item counts once, as last decided.
      </p>
      <div className="dash-figures">
        <div>
          <span className="dash-number" data-testid="median-review">
            {formatMs(overall.review.medianMs)}
          </span>
          <span className="muted small">median per item, reviewing drafts ({overall.review.items})</span>
        </div>
        <div>
          <span className="dash-number" data-testid="median-manual">
            {formatMs(overall.manual.medianMs)}
          </span>
          <span className="muted small">median per item, manual ({overall.manual.items})</span>
        </div>
        <div>
          <span className="dash-number">{speedup === null ? '—' : `${speedup.toFixed(1)}×`}</span>
          <span className="muted small">faster with drafts</span>
        </div>
        <div>
          <span className="dash-number" data-testid="acceptance-rate">
            {formatRate(overall.review.acceptanceRate)}
          </span>
          <span className="muted small">drafts accepted unchanged</span>
        </div>
        <div>
          <span className="dash-number" data-testid="edit-rate">
            {formatRate(overall.review.editRate)}
          </span>
          <span className="muted small">drafts edited</span>
        </div>
      </div>
      {reviewers.length > 0 && (
        <>
          <BarChart
            title="Median time per item by reviewer, with drafts and manual"
            unit={(v) => formatMs(v)}
            groups={reviewers.map((r) => ({
              label: r.reviewerName,
              bars: [
                { name: 'drafts', value: r.review.medianMs, className: 'bar-review' },
                { name: 'manual', value: r.manual.medianMs, className: 'bar-manual' },
              ],
            }))}
          />
          <table aria-label="Figures per reviewer">
            <thead>
              <tr>
                <th>Reviewer</th>
                <th className="num">With drafts</th>
                <th className="num">Median</th>
                <th className="num">Accepted</th>
                <th className="num">Edited</th>
                <th className="num">Rejected</th>
                <th className="num">Manual</th>
                <th className="num">Median</th>
              </tr>
            </thead>
            <tbody>
              {reviewers.map((r) => (
                <tr key={r.reviewerId}>
                  <td>{r.reviewerName}</td>
                  <td className="num">{r.review.items}</td>
                  <td className="num">{formatMs(r.review.medianMs)}</td>
                  <td className="num">{formatRate(r.review.acceptanceRate)}</td>
                  <td className="num">{formatRate(r.review.editRate)}</td>
                  <td className="num">{formatRate(r.review.rejectionRate)}</td>
                  <td className="num">{r.manual.items}</td>
                  <td className="num">{formatMs(r.manual.medianMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
