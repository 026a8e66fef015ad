import { describe, expect, it } from 'vitest';
import { ProtoWriter } from '../../../models/onnx-writer/protobuf';
import { encodeModel } from '../../../models/onnx-writer/onnx';
import { GraphBuilder } from '../../../models/onnx-writer/graphBuilder';
import { readFloatInitializers } from '../../../models/onnx-writer/reader';

describe('protobuf encoder', () => {
  it('writes varints, negative ints, floats and nested messages as protobuf does', () => {
    const w = new ProtoWriter();
    w.int(1, 300);
    w.int(2, -1);
    w.float(3, 1.5);
    w.message(4, (m) => m.string(1, 'hi'));
    expect(Array.from(w.finish())).toEqual([
      0x08, 0xac, 0x02, // field 1 varint 300
      0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, // field 2: -1 as ten bytes
      0x1d, 0x00, 0x00, 0xc0, 0x3f, // field 3 fixed32 1.5
      0x22, 0x04, 0x0a, 0x02, 0x68, 0x69, // field 4 { field 1 "hi" }
    ]);
  });

  it('grows past its first buffer without losing bytes', () => {
    const w = new ProtoWriter();
    const big = new Uint8Array(5000).map((_, i) => i % 251);
    w.bytes(1, big);
    const out = w.finish();
    expect(out.length).toBe(1 + 2 + 5000);
    expect(Array.from(out.subarray(3))).toEqual(Array.from(big));
  });
});

describe('ONNX writer', () => {
  function tiny(values: number[]) {
    const b = new GraphBuilder('t');
    const x = b.input({ name: 'x', dtype: 'float32', shape: [1, 'n'] });
    b.op('Mul', [x, b.constant('w', [1, values.length], values)], undefined, 'y');
    b.output({ name: 'y', dtype: 'float32', shape: [1, 'n'] });
    return encodeModel({ irVersion: 8, opsetVersion: 17, producerName: 'test', producerVersion: '1', modelVersion: 1, graph: b.graph() });
  }

  it('is deterministic and round-trips its float initializers', () => {
    const a = tiny([0.5, -2, 3.25]);
    expect(Buffer.from(a).equals(Buffer.from(tiny([0.5, -2, 3.25])))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(tiny([0.5, -2, 3.5])))).toBe(false);
    const inits = readFloatInitializers(a);
    expect(inits.get('w')?.dims).toEqual([1, 3]);
    expect(Array.from(inits.get('w')?.values ?? [])).toEqual([0.5, -2, 3.25]);
  });

  it('refuses a tensor whose values do not fill its dims', () => {
    const b = new GraphBuilder('t');
    b.constant('w', [2, 2], [1, 2, 3]);
    expect(() => encodeModel({ irVersion: 8, opsetVersion: 17, producerName: 't', producerVersion: '1', modelVersion: 1, graph: b.graph() })).toThrow(/3 values for dims \[2, 2\]/);
  });

  it('says clearly when a file is truncated', () => {
    const bytes = tiny([1, 2, 3]);
    expect(() => readFloatInitializers(bytes.subarray(0, bytes.length - 7))).toThrow(/Truncated/);
  });
});
