import type { ComponentType } from 'react';
import type { SlideDescriptor } from '../../../../shared/contract';
import { ReplayOverlay } from '../recording/ReplayOverlay';
import { SessionsPanel } from '../recording/SessionsPanel';
import { CommandsOverlay } from '../behavior/CommandsOverlay';
import { CommandsPanel } from '../behavior/CommandsPanel';
import { AnnotationOverlay } from '../annotations/AnnotationOverlay';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel';
import { AnnotationToolbar } from '../annotations/AnnotationToolbar';
import { ProposalsOverlay } from '../proposals/ProposalsOverlay';
import { ProposalsPanel } from '../proposals/ProposalsPanel';
import { ProposalsToggle } from '../proposals/ProposalsToggle';
import { KeysPanel } from './KeysPanel';
import { SlideInfoPanel } from './SlideInfoPanel';

export interface ViewerPartProps {
  slideId: number;
  descriptor: SlideDescriptor;
}

/** A tab of the viewer's side panel. */
export interface ViewerTab {
  id: string;
  label: string;
  Panel: ComponentType<ViewerPartProps>;
}

/**
 * Features plug into the slide viewer here rather than editing the page: overlays are drawn over the slide (in
 * order, later on top), toolbar items sit in the viewer toolbar, tabs in the side panel.
 */
export const viewerOverlays: ReadonlyArray<ComponentType<ViewerPartProps>> = [ReplayOverlay, CommandsOverlay, ProposalsOverlay, AnnotationOverlay];

export const viewerToolbarItems: ReadonlyArray<ComponentType<ViewerPartProps>> = [AnnotationToolbar, ProposalsToggle];

export const viewerTabs: readonly ViewerTab[] = [
  { id: 'info', label: 'Slide', Panel: SlideInfoPanel },
  { id: 'sessions', label: 'Sessions', Panel: SessionsPanel },
  { id: 'commands', label: 'Commands', Panel: CommandsPanel },
  { id: 'annotations', label: 'Annotations', Panel: AnnotationsPanel },
  { id: 'proposals', label: 'Proposals', Panel: ProposalsPanel },
  { id: 'keys', label: 'Keys', Panel: KeysPanel },
];
