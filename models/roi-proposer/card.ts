import type { ModelCard, TrainingSummary } from '../../shared/models/card';
import { ROI_SPEC } from '../../shared/models/roiSpec';
import { ROI_INPUT, ROI_OUTPUT } from './graph';

/** Context each heatmap cell depends on: the neighbourhood window plus the widest nuclear detector, in pixels. */
export const ROI_CONTEXT_MARGIN = Math.ceil((((ROI_SPEC.contextCells - 1) / 2) * ROI_SPEC.stride + (ROI_SPEC.blobBoxes.at(-1)?.[1] ?? 0)) / ROI_SPEC.stride) * ROI_SPEC.stride;

export function roiCard(fields: { version: string; sha256: string; created: string; training: TrainingSummary; parent?: ModelCard['parent']; description?: string }): ModelCard {
  return {
    name: 'roi-proposer',
    task: 'region-proposal',
    version: fields.version,
    description:
      fields.description ??
      'Proposes where an expert would look on a low-magnification view of a slide: fixed tissue, stain (haematoxylin/DAB optical density) and nuclear-texture features with a learned logistic head, giving a heatmap at 1/8 resolution.',
    file: 'model.onnx',
    sha256: fields.sha256,
    inputs: [{ name: ROI_INPUT.name, dtype: 'uint8', shape: ROI_INPUT.shape, description: ROI_INPUT.doc }],
    outputs: [{ name: ROI_OUTPUT.name, dtype: 'float32', shape: ROI_OUTPUT.shape, description: ROI_OUTPUT.doc }],
    preprocessing: {
      magnification: 1.25,
      mpp: 8,
      tileSize: null,
      outputStride: ROI_SPEC.stride,
      contextMargin: ROI_CONTEXT_MARGIN,
      colourSpace: 'rgb',
      colourNormalisation: 'none (8-bit RGB in; the model converts to optical density and separates stains itself)',
    },
    licence: 'UNLICENSED (part of Sightline)',
    created: fields.created,
    ...(fields.parent ? { parent: fields.parent } : {}),
    training: fields.training,
  };
}
