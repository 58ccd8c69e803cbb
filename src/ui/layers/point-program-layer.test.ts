// The points' own program: its uniforms from ScatterplotLayer's props, its uniform block matching its types, its modules alone.
import { describe, expect, it } from 'vitest';
import { UNIT } from '@deck.gl/core';
import type { ScatterplotLayerProps } from '@deck.gl/layers';
import { PointProgramLayer, pointsUniforms, pointUniforms } from './point-program-layer';
import type { FilterRange } from './time-filter';

const RANGE: FilterRange = [
  [-5, 10],
  [3, 1e6],
  [0.5, 1.5],
];

describe('PointProgramLayer', () => {
  it('hands the shader ScatterplotLayer’s style props as its uniforms: units as deck.gl’s codes, flags as 0/1, the window as three ranges', () => {
    const layer = new PointProgramLayer({
      id: 'p',
      radiusUnits: 'meters',
      lineWidthUnits: 'pixels',
      stroked: true,
      filled: false,
      radiusScale: 0.5,
      radiusMinPixels: 1.5,
      lineWidthMaxPixels: 4,
      filterRange: RANGE,
    } as Partial<ScatterplotLayerProps>);
    const u = pointUniforms(layer.props as unknown as Required<ScatterplotLayerProps> & { filterRange: FilterRange });
    expect(u).toEqual({
      range0: [-5, 10],
      range1: [3, 1e6],
      range2: [0.5, 1.5],
      radiusScale: 0.5,
      radiusMinPixels: 1.5,
      radiusMaxPixels: Number.MAX_SAFE_INTEGER,
      lineWidthScale: 1,
      lineWidthMinPixels: 0,
      lineWidthMaxPixels: 4,
      stroked: 1,
      filled: 0,
      radiusUnits: UNIT.meters,
      lineWidthUnits: UNIT.pixels,
    });
    expect(UNIT.meters).not.toBe(UNIT.pixels);
    // No filterRange: everything passes.
    const open = pointUniforms(new PointProgramLayer({ id: 'q' }).props as unknown as Required<ScatterplotLayerProps>);
    expect(open.range0).toEqual([-Infinity, Infinity]);
    expect(open.filled).toBe(1); // ScatterplotLayer's defaults: filled, not stroked
    expect(open.stroked).toBe(0);
  });

  it('declares its uniform block with exactly its uniform types, in order (std140 offsets come from that order)', () => {
    const fields = [...pointsUniforms.vs.matchAll(/^\s*(?:highp )?(\w+) (\w+);$/gm)].map((m) => [m[2], m[1]]);
    const glsl: Record<string, string> = { 'vec2<f32>': 'vec2', f32: 'float', i32: 'int' };
    expect(fields).toEqual(Object.entries(pointsUniforms.uniformTypes).map(([k, t]) => [k, glsl[t]]));
  });

  it('compiles its own small shaders: project32, picking and its uniforms, none of ScatterplotLayer’s or DataFilterExtension’s', () => {
    const layer = new PointProgramLayer({ id: 'p' });
    // What deck.gl's LayerManager gives a layer; no default modules here.
    (layer as unknown as { context: unknown }).context = { defaultShaderModules: [] };
    const shaders = layer.getShaders() as {
      vs: string;
      fs: string;
      modules: { name: string }[];
    };
    expect(shaders.modules.map((m) => m.name)).toEqual(['project32', 'picking', 'points']);
    expect(shaders.vs).toContain('point-program-layer-vertex-shader');
    expect(shaders.vs).not.toContain('DECKGL_FILTER');
    expect(shaders.fs).toContain('smoothstep'); // the antialiased edge
  });
});
