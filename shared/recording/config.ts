import { z } from 'zod';
import { DEFAULT_BEHAVIOR_CONFIG } from '../behavior/config';

/**
 * Thresholds of the per-session metrics and the attention heatmap. Any subset may be given; the rest take their
 * defaults. Idle gap, magnification bins and the mpp scale default to the behaviour pipeline's, so both agree on what
 * counts as active time and which bin a view is in. docs/recording.md describes each metric.
 */
/**
 * While its user is active, the viewer samples a still view again once it has not moved for this long (checked every
 * half interval, so at most 1.5 × this apart). Without it, a long still look would leave a gap in the stream that the
 * idle-gap rule (60 s) cuts out entirely.
 */
export const HEARTBEAT_MS = 10_000;

/**
 * A clean shutdown ends a session still recording no later than this after its last stored event (ms): a viewer
 * still showing the slide to an active user stores an event at least every 1.5 × HEARTBEAT_MS.
 */
export const SHUTDOWN_END_MAX_GAP_MS = 2 * HEARTBEAT_MS;

export const MetricsConfig = z.strictObject({
  /** A stretch of at least this long without any event is idle and cut out (ms). */
  idleGapMs: z.number().positive().default(DEFAULT_BEHAVIOR_CONFIG.idleGapMs),
  /** Magnification bins, ascending; a magnification goes to the nearest on a log scale. */
  magnificationBins: z
    .array(z.number().positive())
    .min(1)
    .refine((b) => b.every((v, i) => i === 0 || v > b[i - 1]), 'bins must be strictly ascending')
    .default(() => [...DEFAULT_BEHAVIOR_CONFIG.magnificationBins]),
  /** Without an objective power, magnification = this / (mpp / zoom). */
  mppMagnificationScale: z.number().positive().default(DEFAULT_BEHAVIOR_CONFIG.mppMagnificationScale),
  /** Fixation: the view must rest at least this long (active ms)… */
  fixationMinMs: z.number().positive().default(300),
  /** …with its centre closer than this × the view's width to where the rest began… */
  fixationMaxShift: z.number().positive().default(0.1),
  /** …and its zoom within this factor of the zoom it began with. */
  fixationMaxZoomRatio: z.number().min(1).default(1.1),
  /** A zoom gesture counts as a zoom-in (zoom-out) when it multiplies (divides) the zoom by at least this. */
  zoomStepRatio: z.number().gt(1).default(1.25),
  /** A pause in zoom changes this long (ms) ends a zoom gesture. */
  zoomGesturePauseMs: z.number().positive().default(300),
  /** Coverage counts views whose magnification bin is at least this. */
  seenMinMagnification: z.number().positive().default(10),
  /** Cells on the long side of the slide for coverage and the heatmap. */
  gridLongSide: z.number().int().min(1).max(4096).default(256),
  /** The magnification-over-time series keeps at most this many points. */
  maxSeriesPoints: z.number().int().min(4).default(2000),
  /** Heatmap weight: a view's dwell counts magnification / this (a second at 40× weighs four seconds at 10×). */
  heatmapReferenceMagnification: z.number().positive().default(10),
});
export type MetricsConfig = z.output<typeof MetricsConfig>;
export type MetricsConfigInput = z.input<typeof MetricsConfig>;

export const DEFAULT_METRICS_CONFIG: MetricsConfig = MetricsConfig.parse({});

export function resolveMetricsConfig(input: MetricsConfigInput | undefined = {}): MetricsConfig {
  return MetricsConfig.parse(input);
}
