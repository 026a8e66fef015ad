import type { StoredProposal } from '../../../../shared/contract';
import { useProposalStore } from '../../stores/useProposalStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { flyToImageRect } from '../slides/osdView';
import { ABSTAIN_TEXT, pct, statusText } from './proposalText';

/** One proposal in the list: where it is, how sure the model is, and the accept/reject buttons. */
export function ProposalRow({ p, rank }: { p: StoredProposal; rank: number }) {
  const selected = useProposalStore((s) => s.selectedId === p.id);
  const deciding = useProposalStore((s) => s.decidingId === p.id);
  const store = useProposalStore.getState();
  const pick = () => {
    store.select(p.id);
    const viewer = useViewerStore.getState().viewer;
    if (viewer) flyToImageRect(viewer, p.box);
  };
  return (
    <li className={`proposal-row status-${p.status}${selected ? ' selected' : ''}`} data-testid="proposal-row" data-id={p.id} data-status={p.status} data-abstain={p.abstain}>
      <button className="proposal-pick" aria-pressed={selected} onClick={pick} title={`Box [${p.box.join(', ')}] (level-0 pixels)`}>
        <span className="proposal-rank">{rank}</span>
        <span>
          score {p.score.toFixed(2)} · confidence {pct(p.confidence)} · {p.passes} passes
        </span>
      </button>
      {p.abstain && <div className="proposal-abstain-tag">{ABSTAIN_TEXT}</div>}
      <div className="proposal-actions">
        {p.status === 'proposed' ? (
          <>
            <button onClick={() => void store.decide(p.id, 'accept')} disabled={deciding} aria-label={`Accept proposal ${rank}`} title="Accept: it becomes an item of the review queue">
              Accept
            </button>
            <button onClick={() => void store.decide(p.id, 'reject')} disabled={deciding} aria-label={`Reject proposal ${rank}`} title="Reject: kept as training data">
              Reject
            </button>
          </>
        ) : (
          <span className={`small ${p.status === 'accepted' ? 'ok' : 'bad'}`}>
            {statusText(p)}
            {p.reviewItemId !== null ? ' · in the review queue' : ''}
          </span>
        )}
      </div>
    </li>
  );
}
