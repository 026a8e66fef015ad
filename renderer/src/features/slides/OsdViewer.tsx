import OpenSeadragon from 'openseadragon';
import { useEffect, useRef } from 'react';
import type { SlideDescriptor } from '../../../../shared/contract';
import { equivalentMagnification } from '../../../../shared/slides/magnification';
import { useViewerStore } from '../../stores/useViewerStore';
import { preferredDrawers } from './drawerChoice';
import { allowLowestMagnification, imageZoom } from './osdView';

/** OpenSeadragon over the core's Deep Zoom tiles; publishes the instance and the live zoom/magnification. */
export function OsdViewer({ descriptor }: { descriptor: SlideDescriptor }) {
  const el = useRef<HTMLDivElement>(null);
  const setViewer = useViewerStore((s) => s.setViewer);
  const setView = useViewerStore((s) => s.setView);

  useEffect(() => {
    const d = descriptor;
    const viewer = OpenSeadragon({
      element: el.current!,
      tileSources: {
        width: d.width,
        height: d.height,
        tileSize: d.tileSize,
        tileOverlap: d.overlap,
        minLevel: 0,
        maxLevel: d.levelCount - 1,
        getTileUrl: (level: number, x: number, y: number) =>
          d.tileUrlTemplate.replace('{level}', String(level)).replace('{col}', String(x)).replace('{row}', String(y)),
      } as unknown as OpenSeadragon.TileSourceOptions,
      showNavigationControl: false,
      showNavigator: true,
      navigatorPosition: 'BOTTOM_RIGHT',
      navigatorAutoFade: false,
      maxZoomPixelRatio: 4,
      visibilityRatio: 0.2,
      animationTime: 0.5,
      blendTime: 0.1,
      immediateRender: false,
      preserveImageSizeOnResize: true,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true, flickEnabled: false },
      drawer: preferredDrawers(),
      crossOriginPolicy: false,
    } as OpenSeadragon.Options);
    // Our own keyboard handling (viewer hotkeys); OpenSeadragon's would fight with the annotation tools' keys.
    viewer.addHandler('canvas-key', (e) => {
      (e as unknown as { preventDefaultAction: boolean }).preventDefaultAction = true;
    });
    let frame = 0;
    const publish = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const zoom = imageZoom(viewer);
        const mag = equivalentMagnification(zoom, { objectivePower: d.objectivePower, mpp: d.mpp?.x ?? null });
        setView(zoom, mag, viewer.viewport.getRotation(true));
      });
    };
    viewer.addHandler('viewport-change', publish);
    viewer.addHandler('open', () => {
      allowLowestMagnification(viewer, d);
      setViewer(viewer);
      publish();
    });
    viewer.addHandler('open-failed', () => setViewer(null));
    return () => {
      cancelAnimationFrame(frame);
      setViewer(null);
      viewer.destroy();
    };
  }, [descriptor, setViewer, setView]);

  return <div ref={el} className="osd" data-testid="slide-viewer" tabIndex={0} aria-label={`Slide ${descriptor.name}`} />;
}
