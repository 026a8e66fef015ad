import { z } from 'zod';
import { defineCall } from './defineCall';
import { Id } from './common';
import { IdentifierFlag } from './review';

export const ExportFlag = IdentifierFlag.extend({ itemId: Id, caseName: z.string(), slideName: z.string() });
export type ExportFlag = z.infer<typeof ExportFlag>;

export const ExportPreflight = z.object({
  cases: z.number().int().nonnegative(),
  regions: z.number().int().nonnegative(),
  highPowerCrops: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Items with no review yet: never exported. */
  unreviewed: z.number().int().nonnegative(),
  /** Identifiers still in reviewed texts: shown to the reviewer; replaced by "[removed]" if exported as they are. */
  flags: z.array(ExportFlag),
});
export type ExportPreflight = z.infer<typeof ExportPreflight>;

export const ExportResult = z.object({
  out: z.string(),
  cases: z.number().int().nonnegative(),
  /** Cases already written by an earlier, interrupted run of the same export and kept. */
  casesResumed: z.number().int().nonnegative(),
  regions: z.number().int().nonnegative(),
  highPowerCrops: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
  manifestLines: z.number().int().nonnegative(),
  redactions: z.number().int().nonnegative(),
  rejectedIncluded: z.number().int().nonnegative(),
  deidentified: z.boolean(),
  elapsedMs: z.number().nonnegative(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const ExportState = z.object({
  /** none: nothing there; partial: an interrupted export that can be resumed; complete: a finished export; other: something else is there. */
  state: z.enum(['none', 'partial', 'complete', 'other']),
  casesWritten: z.number().int().nonnegative(),
});
export type ExportState = z.infer<typeof ExportState>;

const Out = z.string().trim().min(1, 'An output folder is needed.');

export const exportCalls = {
  'export.preflight': defineCall(
    'export.preflight',
    'What an export of the project would hold, and the identifiers still present in reviewed texts (for the reviewer to fix first).',
    z.object({ projectId: Id, includeRejected: z.boolean().default(false) }).strict(),
    ExportPreflight,
  ),
  'export.state': defineCall(
    'export.state',
    'Whether an output folder holds nothing, an interrupted export (resumable) or a finished one.',
    z.object({ out: Out }).strict(),
    ExportState,
  ),
  'export.pathologyCot': defineCall(
    'export.pathologyCot',
    'Export the reviewed regions of a project as a Pathology-CoT dataset (case folders, manifest.jsonl, dataset card, COCO, QuPath GeoJSON), de-identified by default. Written into a temporary folder renamed into place when complete; an interrupted export resumes, skipping cases already written. Reports progress; cancellable.',
    z
      .object({
        projectId: Id,
        out: Out,
        includeRejected: z.boolean().default(false),
        deidentify: z.boolean().default(true),
        /** Longest side of a region crop, in pixels. */
        maxCropSide: z.number().int().min(64).max(4096).default(4096),
      })
      .strict(),
    ExportResult,
  ),
} as const;
