import { ProtoWriter } from './protobuf';

/**
 * The part of ONNX (onnx.proto, proto2) that Sightline's own models use, as plain objects, and their encoding.
 * Field numbers follow onnx.proto; repeated scalars are written unpacked, as proto2 does by default.
 */

export const TensorDataType = { float32: 1, uint8: 2, int8: 3, int32: 6, int64: 7, bool: 9 } as const;
export type TensorDtype = keyof typeof TensorDataType;

export type Dim = number | string;

export interface ValueInfo {
  name: string;
  dtype: TensorDtype;
  shape: Dim[];
  doc?: string;
}

export interface Tensor {
  name: string;
  dtype: 'float32' | 'int64';
  dims: number[];
  values: ArrayLike<number> | ArrayLike<bigint>;
}

export type AttributeValue = number | string | number[] | { ints: number[] } | { floats: number[] } | { float: number } | { tensor: Tensor };

export interface Node {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: Record<string, AttributeValue>;
}

export interface Graph {
  name: string;
  nodes: Node[];
  initializers: Tensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  doc?: string;
}

export interface Model {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  modelVersion: number;
  doc?: string;
  metadata?: Record<string, string>;
  graph: Graph;
}

const AttrType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

function writeTensor(w: ProtoWriter, t: Tensor): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, TensorDataType[t.dtype]);
  w.string(8, t.name);
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (t.values.length !== count) throw new Error(`Tensor ${t.name}: ${t.values.length} values for dims [${t.dims.join(', ')}].`);
  const bytes = new Uint8Array(count * (t.dtype === 'float32' ? 4 : 8));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) {
    if (t.dtype === 'float32') view.setFloat32(i * 4, Number(t.values[i]), true);
    else view.setBigInt64(i * 8, BigInt(t.values[i]), true);
  }
  w.bytes(9, bytes);
}

function writeAttribute(w: ProtoWriter, name: string, v: AttributeValue): void {
  w.string(1, name);
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`Attribute ${name}: use { float } for non-integers.`);
    w.int(3, v);
    w.int(20, AttrType.INT);
  } else if (typeof v === 'string') {
    w.string(4, v);
    w.int(20, AttrType.STRING);
  } else if (Array.isArray(v) || 'ints' in v) {
    for (const i of Array.isArray(v) ? v : v.ints) w.int(8, i);
    w.int(20, AttrType.INTS);
  } else if ('floats' in v) {
    for (const f of v.floats) w.float(7, f);
    w.int(20, AttrType.FLOATS);
  } else if ('float' in v) {
    w.float(2, v.float);
    w.int(20, AttrType.FLOAT);
  } else {
    w.message(5, (m) => writeTensor(m, v.tensor));
    w.int(20, AttrType.TENSOR);
  }
}

function writeNode(w: ProtoWriter, n: Node): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.opType);
  for (const [k, v] of Object.entries(n.attributes ?? {})) w.message(5, (a) => writeAttribute(a, k, v));
}

function writeValueInfo(w: ProtoWriter, v: ValueInfo): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensorType) => {
      tensorType.int(1, TensorDataType[v.dtype]);
      tensorType.message(2, (shape) => {
        for (const d of v.shape) {
          shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
        }
      });
    }),
  );
  if (v.doc) w.string(3, v.doc);
}

function writeGraph(w: ProtoWriter, g: Graph): void {
  for (const n of g.nodes) w.message(1, (m) => writeNode(m, n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, (m) => writeTensor(m, t));
  if (g.doc) w.string(10, g.doc);
  for (const v of g.inputs) w.message(11, (m) => writeValueInfo(m, v));
  for (const v of g.outputs) w.message(12, (m) => writeValueInfo(m, v));
}

/** The bytes of an .onnx file. */
export function encodeModel(model: Model): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, model.irVersion);
  w.string(2, model.producerName);
  w.string(3, model.producerVersion);
  w.int(5, model.modelVersion);
  if (model.doc) w.string(6, model.doc);
  w.message(7, (g) => writeGraph(g, model.graph));
  w.message(8, (o) => {
    o.string(1, '');
    o.int(2, model.opsetVersion);
  });
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    w.message(14, (m) => {
      m.string(1, key);
      m.string(2, value);
    });
  }
  return w.finish();
}
