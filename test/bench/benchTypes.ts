/** One measured figure of a benchmark, with the baseline it is compared against in the same run. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** A figure measured in the same run to compare with (ratio = value / baseline.value). */
  baseline?: { name: string; value: number };
  /** The target, in words, e.g. "p50 < 2 ms". */
  target?: string;
  /** Whether the target was met; undefined when there is no target. */
  met?: boolean;
}

export interface Bench {
  name: string;
  run(): Promise<BenchFigure[]>;
}
