/**
 * Reads back the float32 initializers of an ONNX file (enough to recover a trained head from a model we wrote).
 * A minimal protobuf walker: ModelProto.graph (7) → GraphProto.initializer (5) → TensorProto name (8), raw_data (9).
 */
interface Field {
  no: number;
  wire: number;
  value: bigint | Uint8Array;
}

function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error('Truncated protobuf.');
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) yield { no, wire, value: varint() };
    else if (wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error('Truncated protobuf.');
      yield { no, wire, value: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 5) {
      yield { no, wire, value: buf.subarray(pos, pos + 4) };
      pos += 4;
    } else if (wire === 1) {
      yield { no, wire, value: buf.subarray(pos, pos + 8) };
      pos += 8;
    } else throw new Error(`Unsupported protobuf wire type ${wire}.`);
  }
}

export function readFloatInitializers(model: Uint8Array): Map<string, { dims: number[]; values: Float32Array }> {
  const out = new Map<string, { dims: number[]; values: Float32Array }>();
  for (const f of fields(model)) {
    if (f.no !== 7 || f.wire !== 2) continue;
    for (const g of fields(f.value as Uint8Array)) {
      if (g.no !== 5 || g.wire !== 2) continue;
      let name = '';
      let dataType = 0;
      const dims: number[] = [];
      let raw: Uint8Array | null = null;
      for (const t of fields(g.value as Uint8Array)) {
        if (t.no === 1 && t.wire === 0) dims.push(Number(t.value));
        else if (t.no === 2 && t.wire === 0) dataType = Number(t.value);
        else if (t.no === 8 && t.wire === 2) name = new TextDecoder().decode(t.value as Uint8Array);
        else if (t.no === 9 && t.wire === 2) raw = t.value as Uint8Array;
      }
      if (dataType !== 1 || !raw) continue;
      const values = new Float32Array(raw.length / 4);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
      out.set(name, { dims, values });
    }
  }
  return out;
}
