export interface BarGroup {
  label: string;
  bars: Array<{ name: string; value: number | null; className: string }>;
}

/** Grouped horizontal bars (one group per reviewer), values labelled; an empty bar says "—". */
export function BarChart({ groups, unit, title }: { groups: BarGroup[]; unit: (v: number) => string; title: string }) {
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value ?? 0)));
  const rowH = 16;
  const labelW = 130;
  const chartW = 260;
  const valueW = 70;
  const height = groups.reduce((h, g) => h + g.bars.length * rowH + 10, 0);
  let y = 0;
  return (
    <svg className="bar-chart" role="img" aria-label={title} width={labelW + chartW + valueW} height={height} viewBox={`0 0 ${labelW + chartW + valueW} ${height}`}>
      {groups.map((g) => {
        const top = y;
        y += g.bars.length * rowH + 10;
        return (
          <g key={g.label}>
            <text x={0} y={top + rowH - 4} className="bar-label">
              {g.label}
            </text>
            {g.bars.map((b, i) => {
              const w = b.value === null ? 0 : Math.max(2, (b.value / max) * chartW);
              const by = top + i * rowH;
              return (
                <g key={b.name}>
                  <rect x={labelW} y={by + 2} width={w} height={rowH - 5} className={b.className}>
                    <title>{`${g.label}, ${b.name}: ${b.value === null ? 'no items' : unit(b.value)}`}</title>
                  </rect>
                  <text x={labelW + w + 4} y={by + rowH - 4} className="bar-value">
                    {`${b.name} ${b.value === null ? '—' : unit(b.value)}`}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
