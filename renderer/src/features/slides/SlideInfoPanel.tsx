import { useEffect } from 'react';
import { useSlideStore } from '../../stores/useSlideStore';

/** Slide metadata and its associated images (label, macro, thumbnail). */
export function SlideInfoPanel() {
  const { details, loadDetails, descriptor } = useSlideStore();
  useEffect(() => {
    void loadDetails();
  }, [loadDetails, descriptor]);
  if (!details) return <p className="muted">Loading slide information…</p>;
  const props = Object.entries(details.properties).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="slide-info" aria-label="Slide information">
      <dl className="facts">
        <dt>Format</dt>
        <dd>
          {details.format} ({details.vendor})
        </dd>
        <dt>Size</dt>
        <dd>
          {details.width.toLocaleString()} × {details.height.toLocaleString()} px
        </dd>
        <dt>Levels</dt>
        <dd>{details.levels.map((l) => `${Math.round(l.downsample * 100) / 100}×`).join(', ')}</dd>
        <dt>MPP</dt>
        <dd>{details.mpp ? `${details.mpp.x.toFixed(4)} × ${details.mpp.y.toFixed(4)} µm/px` : 'unknown'}</dd>
        <dt>Objective</dt>
        <dd>{details.objectivePower ? `${details.objectivePower}×` : 'unknown'}</dd>
      </dl>
      {details.associatedImages.length > 0 && (
        <div className="assoc">
          {details.associatedImages.map((a) => (
            <figure key={a.name}>
              <img src={a.url} alt={`${a.name} image`} />
              <figcaption>{a.name}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {props.length > 0 && (
        <details>
          <summary>All properties ({props.length})</summary>
          <table className="props">
            <tbody>
              {props.map(([k, v]) => (
                <tr key={k}>
                  <td className="mono">{k}</td>
                  <td className="mono">{v.length > 200 ? `${v.slice(0, 200)}…` : v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
