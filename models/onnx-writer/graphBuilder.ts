import type { AttributeValue, Graph, Node, Tensor, ValueInfo } from './onnx';

/** Builds a graph node by node; each call returns the name of the value it produced. */
export class GraphBuilder {
  readonly nodes: Node[] = [];
  readonly initializers: Tensor[] = [];
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];
  private counter = 0;

  constructor(readonly name: string) {}

  input(v: ValueInfo): string {
    this.inputs.push(v);
    return v.name;
  }

  output(v: ValueInfo): void {
    this.outputs.push(v);
  }

  /** A float32 constant (weights, scalars). */
  constant(name: string, dims: number[], values: ArrayLike<number>): string {
    this.initializers.push({ name, dtype: 'float32', dims, values });
    return name;
  }

  int64s(name: string, values: number[]): string {
    this.initializers.push({ name, dtype: 'int64', dims: [values.length], values: values.map((v) => BigInt(v)) });
    return name;
  }

  scalar(name: string, value: number): string {
    return this.constant(name, [], [value]);
  }

  op(opType: string, inputs: string[], attributes?: Record<string, AttributeValue>, outName?: string): string {
    const out = outName ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push({ opType, inputs, outputs: [out], name: `${opType}_${this.nodes.length}`, attributes });
    return out;
  }

  graph(doc?: string): Graph {
    return { name: this.name, nodes: this.nodes, initializers: this.initializers, inputs: this.inputs, outputs: this.outputs, doc };
  }
}
