import { describe, expect, it } from 'vitest';
import { drawersFor } from '../../../renderer/src/features/slides/drawerChoice';

describe('the OpenSeadragon drawer choice', () => {
  it('uses WebGL on a GPU, with the canvas drawer as fallback', () => {
    expect(drawersFor('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toEqual(['webgl', 'canvas']);
    expect(drawersFor('Apple M2')).toEqual(['webgl', 'canvas']);
  });

  it('uses the canvas drawer when WebGL runs on the CPU or is missing', () => {
    expect(drawersFor('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toEqual(['canvas']);
    expect(drawersFor('llvmpipe (LLVM 15.0.6, 256 bits)')).toEqual(['canvas']);
    expect(drawersFor('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).toEqual(['canvas']);
    expect(drawersFor(null)).toEqual(['canvas']);
  });
});
