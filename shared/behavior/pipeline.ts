import type { NavigationSession, SlideHeader } from '../navigation/schema';
import { BehaviorConfig, resolveBehaviorConfig, type BehaviorConfigInput } from './config';
import { filterSegments } from './filter';
import { mergeSegments } from './merge';
import { normaliseSegments } from './normalise';
import { pairSegments } from './pair';
import { segment } from './segment';
import type { BehaviorCommand, Segment } from './types';

export interface BehaviorAnalysis {
  commands: BehaviorCommand[];
  /** Active (looking) time of the session, ms. */
  activeMs: number;
  /** End of the session, ms from its start. */
  endMs: number;
}

function configOf(config: BehaviorConfigInput | BehaviorConfig | undefined): BehaviorConfig {
  return resolveBehaviorConfig(config);
}

/**
 * Filter → merge → pair → normalise over already segmented commands. Running it again on its own output returns
 * the same commands.
 */
export function refineCommands(segments: readonly Segment[], slide: Pick<SlideHeader, 'width' | 'height'>, config?: BehaviorConfigInput): BehaviorCommand[] {
  const cfg = configOf(config);
  const kept = filterSegments(segments, slide, cfg);
  // A merged box is a union, which can grow past the overview limit: filter again.
  const merged = filterSegments(mergeSegments(kept, cfg), slide, cfg);
  return normaliseSegments(merged, pairSegments(merged, cfg));
}

/** The whole pipeline (segment → filter → merge → pair → normalise) plus the session's active time. Pure and deterministic. */
export function analyseBehavior(session: NavigationSession, config?: BehaviorConfigInput): BehaviorAnalysis {
  const cfg = configOf(config);
  const { segments, activeMs, endMs } = segment(session.slide, session.events, cfg);
  return { commands: refineCommands(segments, session.slide, cfg), activeMs, endMs };
}

/** The behavioural commands of a navigation session. */
export function deriveCommands(session: NavigationSession, config?: BehaviorConfigInput): BehaviorCommand[] {
  return analyseBehavior(session, config).commands;
}
