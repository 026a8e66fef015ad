import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphBuilder } from '../../../models/onnx-writer/graphBuilder';
import { encodeModel, type TensorDtype } from '../../../models/onnx-writer/onnx';
import type { ModelCard } from '../../../shared/models/card';

export const SHIPPED_CARD = fileURLToPath(new URL('../../../models/roi-proposer/card.json', import.meta.url));
export const SHIPPED_MODEL = fileURLToPath(new URL('../../../models/roi-proposer/model.onnx', import.meta.url));

export function shippedCard(): ModelCard {
  return JSON.parse(readFileSync(SHIPPED_CARD, 'utf8')) as ModelCard;
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A small real ONNX model: input → (x + 1) reduced to a [1,1,rows,cols] map, with any input name/type/rank. */
export function oddModel(opts: { inputName?: string; dtype?: TensorDtype; rank?: 3 | 4 } = {}): Uint8Array {
  const b = new GraphBuilder('odd');
  const rank = opts.rank ?? 4;
  const x = b.input({ name: opts.inputName ?? 'image', dtype: opts.dtype ?? 'uint8', shape: rank === 4 ? [1, 'height', 'width', 3] : ['height', 'width', 3] });
  const f = (opts.dtype ?? 'uint8') === 'float32' ? x : b.op('Cast', [x], { to: 1 });
  const four = rank === 4 ? f : b.op('Unsqueeze', [f, b.int64s('axes', [0])]);
  const nchw = b.op('Transpose', [four], { perm: [0, 3, 1, 2] });
  const mean = b.op('ReduceMean', [nchw], { axes: [1], keepdims: 1 });
  b.op('AveragePool', [mean], { kernel_shape: [8, 8], strides: [8, 8] }, 'heatmap');
  b.output({ name: 'heatmap', dtype: 'float32', shape: [1, 1, 'rows', 'cols'] });
  return encodeModel({ irVersion: 8, opsetVersion: 17, producerName: 'test', producerVersion: '1', modelVersion: 1, graph: b.graph() });
}

/** Writes <dir>/card.json + <dir>/model.onnx; the card is the shipped one with `patch` applied and the right hash unless patched. */
export function writeModelDir(dir: string, bytes: Uint8Array | null, patch: Partial<ModelCard> = {}): string {
  mkdirSync(dir, { recursive: true });
  if (bytes) writeFileSync(join(dir, 'model.onnx'), bytes);
  const card = { ...shippedCard(), sha256: bytes ? sha256(bytes) : '0'.repeat(64), ...patch };
  writeFileSync(join(dir, 'card.json'), JSON.stringify(card, null, 2));
  return join(dir, 'card.json');
}
