import { useEffect, useState } from 'react';
import type OpenSeadragon from 'openseadragon';

/** A counter that changes once per frame while the viewer moves, so overlays redraw in step with it. */
export function useViewerRedraw(viewer: OpenSeadragon.Viewer | null): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!viewer) return;
    let frame = 0;
    const bump = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setN((x) => x + 1)));
    };
    viewer.addHandler('update-viewport', bump);
    viewer.addHandler('resize', bump);
    return () => {
      cancelAnimationFrame(frame);
      viewer.removeHandler('update-viewport', bump);
      viewer.removeHandler('resize', bump);
    };
  }, [viewer]);
  return n;
}
