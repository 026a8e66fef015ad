/** Renderer strings of WebGL implementations that run on the CPU (no GPU, remote desktops, VMs, headless). */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

export type DrawerName = 'webgl' | 'canvas';

/**
 * OpenSeadragon's WebGL drawer is the faster one on a GPU, but through a software rasteriser it drops a
 * pan to a few frames a second, where the 2D canvas drawer keeps 60; so WebGL only when it is hardware.
 */
export function drawersFor(webglRenderer: string | null): DrawerName[] {
  if (webglRenderer === null || SOFTWARE_RENDERERS.test(webglRenderer)) return ['canvas'];
  return ['webgl', 'canvas'];
}

let cached: DrawerName[] | null = null;

/** The drawers to offer OpenSeadragon on this machine, probed once. */
export function preferredDrawers(): DrawerName[] {
  if (cached) return cached;
  let renderer: string | null = null;
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    renderer = null;
  }
  cached = drawersFor(renderer);
  return cached;
}
