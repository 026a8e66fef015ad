import { useEffect } from 'react';
import { useProposalStore } from '../../stores/useProposalStore';
import type { ViewerPartProps } from '../slides/viewerExtensions';
import { useProposalKeys } from './useProposalKeys';

/** The toolbar button that shows or hides the ghost boxes (G); it also loads the slide's stored proposals. */
export function ProposalsToggle({ slideId }: ViewerPartProps) {
  const visible = useProposalStore((s) => s.visible);
  const count = useProposalStore((s) => (s.slideId === slideId ? s.proposals.length : 0));
  useProposalKeys();
  useEffect(() => useProposalStore.getState().attach(slideId), [slideId]);
  return (
    <button className={`proposals-toggle${visible ? ' on' : ''}`} aria-pressed={visible} onClick={() => useProposalStore.getState().toggle()} title="Show or hide the model's proposals (G)">
      Proposals{count > 0 ? ` (${count})` : ''}
    </button>
  );
}
