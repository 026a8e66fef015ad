import type { EffectiveCommand } from '../../../../shared/contract';

/** The slide's thumbnail with the command boxes on it, in slide coordinates (the SVG's viewBox is the level-0 size). */
export function CommandThumbnail(props: {
  slideId: number;
  width: number;
  height: number;
  commands: readonly EffectiveCommand[];
  selectedKey: string | null;
  onPick(c: EffectiveCommand): void;
}) {
  const { slideId, width, height, commands, selectedKey, onPick } = props;
  const font = Math.max(width, height) / 28;
  return (
    <div className="cmd-thumb" style={{ aspectRatio: `${width} / ${height}` }}>
      <img src={`/res/slides/${slideId}/thumbnail.jpg`} alt="" onError={(e) => ((e.target as HTMLImageElement).style.visibility = 'hidden')} />
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" data-testid="command-thumbnail" aria-label="Command boxes on the slide thumbnail">
        {commands
          .filter((c) => !c.deleted)
          .map((c) => (
            <g
              key={c.key}
              className={`cmd-shape kind-${c.kind} prov-${c.provenance}${c.key === selectedKey ? ' selected' : ''}`}
              data-testid="thumbnail-box"
              data-number={c.number}
              onClick={() => onPick(c)}
            >
              <title>{`${c.number}: ${c.kind} ${c.magnification}×`}</title>
              <rect x={c.box[0]} y={c.box[1]} width={c.box[2] - c.box[0]} height={c.box[3] - c.box[1]} vectorEffect="non-scaling-stroke" />
              <text x={c.box[0]} y={Math.max(c.box[1], font)} fontSize={font}>
                {c.number}
              </text>
            </g>
          ))}
      </svg>
    </div>
  );
}
