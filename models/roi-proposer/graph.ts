import { GraphBuilder } from '../onnx-writer/graphBuilder';
import { encodeModel, type ValueInfo } from '../onnx-writer/onnx';
import { ROI_FEATURE_COUNT, ROI_SPEC, stainWeights, type RoiHead } from '../../shared/models/roiSpec';

export const ROI_INPUT: ValueInfo = { name: 'image', dtype: 'uint8', shape: [1, 'height', 'width', 3], doc: 'RGB, 8 bits, rows top to bottom.' };
export const ROI_OUTPUT: ValueInfo = {
  name: 'heatmap',
  dtype: 'float32',
  shape: [1, 1, 'rows', 'cols'],
  doc: 'Per cell of stride×stride input pixels: how likely an expert looks there (0–1).',
};
export const ROI_OPSET = 17;

/** Averages over a size×size window of valid cells, as two 1-D pools (rows, then columns). */
function windowMean(b: GraphBuilder, x: string, size: number): string {
  const half = (size - 1) / 2;
  const rowsPooled = b.op('AveragePool', [x], { kernel_shape: [1, size], strides: [1, 1], pads: [0, half, 0, half], count_include_pad: 0 });
  return b.op('AveragePool', [rowsPooled], { kernel_shape: [size, 1], strides: [1, 1], pads: [half, 0, half, 0], count_include_pad: 0 });
}

/**
 * The region proposer as an ONNX graph: the fixed feature layers of ROI_SPEC (the same computation as
 * shared/models/roiFeatures.ts) followed by the learned 1×1 head, a sigmoid, and the tissue gate.
 */
export function buildRoiModel(head: RoiHead, meta: { version: string; doc: string }): Uint8Array {
  if (head.weights.length !== ROI_FEATURE_COUNT) throw new Error(`The head needs ${ROI_FEATURE_COUNT} weights, not ${head.weights.length}.`);
  const S = ROI_SPEC;
  const b = new GraphBuilder('roi-proposer');
  const image = b.input(ROI_INPUT);
  // Per-pixel colour maths stays channels-last (a 3×3 MatMul), which runs far faster than a 1×1 Conv on 3 channels.
  const asFloat = b.op('Cast', [image], { to: 1 });
  const logged = b.op('Log', [b.op('Add', [asFloat, b.scalar('one', 1)])]);
  const od = b.op('Sub', [b.scalar('ln256', Math.log(256)), logged], undefined, 'optical_density');

  const [wh, wd] = stainWeights();
  const slope = S.tissueSlope;
  // Columns: haematoxylin, DAB, tissue logit; rows: OD of r, g, b.
  const stainW = b.constant('stain_weights', [3, 3], [wh[0], wd[0], slope, wh[1], wd[1], slope, wh[2], wd[2], slope]);
  const stainB = b.constant('stain_bias', [3], [0, 0, -slope * S.tissueThreshold]);
  const stainsLast = b.op('Add', [b.op('MatMul', [od, stainW]), stainB]);
  const stains = b.op('Transpose', [stainsLast], { perm: [0, 3, 1, 2] });
  const split = ['haematoxylin', 'dab', 'tissue_logit'];
  b.nodes.push({ opType: 'Split', inputs: [stains], outputs: split, name: `Split_${b.nodes.length}`, attributes: { axis: 1 } });
  const [h, d, tissueLogit] = split;
  const tissue = b.op('Sigmoid', [tissueLogit]);

  const blobs = S.blobBoxes.map(([inner, outer]) => b.op('Relu', [b.op('Sub', [windowMean(b, h, inner), windowMean(b, h, outer)])]));
  const h2 = b.op('Mul', [h, h]);
  const pixels = b.op('Concat', [h, d, ...blobs, h2], { axis: 1 });

  const pool = { kernel_shape: [S.stride, S.stride], strides: [S.stride, S.stride] };
  const cells = b.op('AveragePool', [pixels], pool);
  const cellTissue = b.op('AveragePool', [tissue], pool, 'tissue_fraction');
  const eps = b.scalar('epsilon', S.epsilon);
  const own = b.op('Div', [cells, b.op('Add', [cellTissue, eps])]);
  const ctx = b.op('Div', [windowMean(b, cells, S.contextCells), b.op('Add', [windowMean(b, cellTissue, S.contextCells), eps])]);
  const contrast = b.op('Sub', [own, ctx]);
  const features = b.op('Concat', [own, contrast, cellTissue], { axis: 1 }, 'features');

  const headW = b.constant('head_weights', [1, ROI_FEATURE_COUNT, 1, 1], head.weights);
  const headB = b.constant('head_bias', [1], [head.bias]);
  const logit = b.op('Conv', [features, headW, headB], { kernel_shape: [1, 1] });
  const heat = b.op('Mul', [b.op('Sigmoid', [logit]), cellTissue], undefined, ROI_OUTPUT.name);
  b.output(ROI_OUTPUT);
  void heat;

  return encodeModel({
    irVersion: 8,
    opsetVersion: ROI_OPSET,
    producerName: 'sightline',
    producerVersion: meta.version,
    modelVersion: Number(meta.version.split('.').reduce((acc, part) => acc * 1000 + Number(part), 0)),
    doc: meta.doc,
    metadata: { name: 'roi-proposer', version: meta.version },
    graph: b.graph('Where an expert would look on a low-magnification view of a slide.'),
  });
}
