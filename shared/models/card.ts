import { z } from 'zod';

export const TensorDtype = z.enum(['float32', 'float16', 'float64', 'uint8', 'int8', 'int32', 'int64', 'bool', 'string']);
export type TensorDtype = z.infer<typeof TensorDtype>;

/** One input or output: name, element type, and shape (numbers are fixed sizes, strings are named free sizes). */
export const TensorSpec = z
  .object({
    name: z.string().min(1),
    dtype: TensorDtype,
    shape: z.array(z.union([z.number().int().positive(), z.string().min(1)])),
    description: z.string().optional(),
  })
  .strict();
export type TensorSpec = z.infer<typeof TensorSpec>;

/**
 * speech-recognition: a user's own ASR model (audio in, text tokens out); listed and checked like any model, not run
 * by Sightline yet (see docs/video.md).
 */
export const ModelTask = z.enum(['region-proposal', 'segmentation', 'classification', 'voice-activity', 'speech-recognition', 'text-generation', 'other']);
export type ModelTask = z.infer<typeof ModelTask>;

export const Preprocessing = z
  .object({
    /** Objective magnification the input stands for (e.g. 1.25 means level-0 at 40× downsampled 32 times); image models. */
    magnification: z.number().positive().optional(),
    /** Microns per input pixel, when the model was built for a physical scale. */
    mpp: z.number().positive().optional(),
    /** Input tile side in pixels; null when the model takes a whole view of any size. */
    tileSize: z.number().int().positive().nullable().optional(),
    /** Input pixels per output cell, for models whose output is a map. */
    outputStride: z.number().int().positive().optional(),
    /** Context (input pixels) each output cell depends on around it; lets the runtime cut large inputs into crops. */
    contextMargin: z.number().int().nonnegative().optional(),
    colourSpace: z.enum(['rgb']).optional(),
    /** 'none': raw 8-bit values go in; the model does its own normalisation (e.g. optical density). */
    colourNormalisation: z.string().min(1).optional(),
    /** Audio models: samples per second and per window. */
    sampleRate: z.number().int().positive().optional(),
    windowSamples: z.number().int().positive().optional(),
    /** Anything else a user of the model must do to its input, in words. */
    notes: z.string().optional(),
  })
  .strict();
export type Preprocessing = z.infer<typeof Preprocessing>;

export const HeldOutMetrics = z
  .object({
    images: z.number().int().nonnegative(),
    regions: z.number().int().nonnegative(),
    /** Proposals looked at per image. */
    atK: z.number().int().positive(),
    minIoU: z.number().min(0).max(1),
    recall: z.number().min(0).max(1),
    precision: z.number().min(0).max(1),
  })
  .strict();
export type HeldOutMetrics = z.infer<typeof HeldOutMetrics>;

const SourceCount = z.object({ boxes: z.number().int().nonnegative(), cells: z.number().int().nonnegative() }).strict();

/**
 * Where the training cells came from, by source (e.g. inspect, peek, acceptedProposals; lowPowerViews,
 * rejectedProposals): boxes given and tissue cells trained on. A positive cell inside boxes of two sources counts for
 * both; a negative cell counts once.
 */
export const TrainingSources = z.object({ positives: z.record(z.string(), SourceCount), negatives: z.record(z.string(), SourceCount) }).strict();
export type TrainingSources = z.infer<typeof TrainingSources>;

export const TrainingSummary = z
  .object({
    method: z.string(),
    data: z.string(),
    seed: z.number().int(),
    images: z.number().int().nonnegative(),
    positiveCells: z.number().int().nonnegative(),
    negativeCells: z.number().int().nonnegative(),
    sources: TrainingSources.optional(),
    iterations: z.number().int().nonnegative(),
    loss: z.number(),
    heldOut: HeldOutMetrics.optional(),
    /** The earlier version's figures on the same held-out images, when this version was trained from it. */
    heldOutBefore: HeldOutMetrics.optional(),
  })
  .strict();
export type TrainingSummary = z.infer<typeof TrainingSummary>;

const Semver = z.string().regex(/^\d+\.\d+\.\d+$/, 'Versions look like 1.2.0.');

export const ModelCard = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Model names use lower-case letters, digits and dashes.'),
    task: ModelTask,
    version: Semver,
    description: z.string().default(''),
    /** The ONNX file, relative to the card, or "npm:<package>/<path>" for a file shipped inside an npm package. */
    file: z.string().min(1).default('model.onnx'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 is 64 lower-case hex digits.'),
    inputs: z.array(TensorSpec).min(1),
    outputs: z.array(TensorSpec).min(1),
    preprocessing: Preprocessing,
    licence: z.string().min(1),
    /** Where the weights come from, when someone else trained them. */
    source: z.object({ package: z.string().optional(), version: z.string().optional(), file: z.string().optional(), upstream: z.string().optional() }).strict().optional(),
    created: z.string().min(1),
    /** The version this one was trained from, if any. */
    parent: z.object({ name: z.string(), version: Semver, sha256: z.string() }).strict().optional(),
    training: TrainingSummary.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.task !== 'speech-recognition') return;
    if (c.preprocessing.sampleRate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['preprocessing', 'sampleRate'], message: 'a speech-recognition model must say the sample rate its audio input expects' });
    }
    if (!c.inputs.some((i) => i.dtype === 'float32')) {
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'a speech-recognition model takes audio (or features of it) as a float32 input' });
    }
  });
export type ModelCard = z.infer<typeof ModelCard>;

/**
 * Differences between a card's declared inputs/outputs and what the model file really has; empty when they agree.
 * Names, element types and ranks must be equal; a fixed size in the model must equal the card's.
 */
export function signatureMismatches(kind: 'input' | 'output', declared: TensorSpec[], actual: Array<{ name: string; dtype: string; shape: Array<number | string> }>): string[] {
  const problems: string[] = [];
  const actualNames = actual.map((a) => a.name);
  const declaredNames = declared.map((d) => d.name);
  if (actualNames.join('\u0000') !== declaredNames.join('\u0000')) {
    problems.push(`${kind}s are [${actualNames.join(', ')}] in the model but [${declaredNames.join(', ')}] on the card`);
    return problems;
  }
  declared.forEach((d, i) => {
    const a = actual[i];
    if (a.dtype !== d.dtype) problems.push(`${kind} "${d.name}" is ${a.dtype} in the model but ${d.dtype} on the card`);
    if (a.shape.length !== d.shape.length) {
      problems.push(`${kind} "${d.name}" has rank ${a.shape.length} in the model but ${d.shape.length} on the card`);
      return;
    }
    d.shape.forEach((dim, j) => {
      const ad = a.shape[j];
      // A named (free) size in the model accepts the card's fixed one; a fixed size in the model must match exactly.
      const same = typeof ad === 'string' || ad === dim;
      if (!same) problems.push(`${kind} "${d.name}" dimension ${j} is ${String(ad)} in the model but ${String(dim)} on the card`);
    });
  });
  return problems;
}

/** The next version after all of these: minor bump of the highest. */
export function nextVersion(versions: string[]): string {
  const parsed = versions.map((v) => v.split('.').map(Number) as [number, number, number]);
  parsed.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const top = parsed.at(-1) ?? [0, 0, 0];
  return `${top[0]}.${top[1] + 1}.0`;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}
