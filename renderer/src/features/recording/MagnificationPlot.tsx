const BINS = [1.25, 2.5, 5, 10, 20, 40];

/** Magnification over time (log scale), from the metrics' series. */
export function MagnificationPlot({ series, width = 300, height = 120 }: { series: Array<[number, number]>; width?: number; height?: number }) {
  if (series.length < 2) return <p className="muted small">Not enough navigation for a plot.</p>;
  const pad = { l: 34, r: 6, t: 6, b: 18 };
  const tMax = series[series.length - 1][0] || 1;
  const lo = Math.log(1);
  const hi = Math.log(80);
  const x = (t: number) => pad.l + ((width - pad.l - pad.r) * t) / tMax;
  const y = (m: number) => height - pad.b - ((height - pad.t - pad.b) * (Math.log(Math.max(1, Math.min(80, m))) - lo)) / (hi - lo);
  const d = series.map(([t, m], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(m).toFixed(1)}`).join('');
  return (
    <svg width={width} height={height} className="plot" role="img" aria-label="Magnification over time">
      {BINS.map((b) => (
        <g key={b}>
          <line x1={pad.l} x2={width - pad.r} y1={y(b)} y2={y(b)} className="grid" />
          <text x={pad.l - 4} y={y(b) + 3} textAnchor="end" className="axis">
            {b}×
          </text>
        </g>
      ))}
      <text x={width - pad.r} y={height - 4} textAnchor="end" className="axis">
        {Math.round(tMax / 1000)} s
      </text>
      <path d={d} className="line" />
    </svg>
  );
}
