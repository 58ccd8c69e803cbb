// The points' own small program: ScatterplotLayer's buffers and props drawn by a minimal circle shader, time-filtered by uniforms.
import { Layer, picking, project32, UNIT } from '@deck.gl/core';
import type { ScatterplotLayerProps } from '@deck.gl/layers';
import { OffsetScatterplotLayer } from './offset-scatterplot-layer';
import { FILTER_GLSL, FILTER_SIZE, type FilterRange } from './time-filter';

/**
 * Why: ScatterplotLayer's program (project32, color, picking, its uniforms, every filter hook, and
 * DataFilterExtension's code on top) is one of the three deck.gl programs the embed compiles before
 * its first picture, and in software WebGL each first draw costs hundreds of ms (docs/performance-history.md, the
 * embed's start-up). This layer keeps ScatterplotLayer's attributes (positions, radius, colours,
 * line colours and widths; WindowedPointsLayer hands them as buffers) and its style props
 * (units, scales, min/max pixels, stroked, filled, opacity), and draws an instanced quad with a
 * circle and its stroke antialiased in the fragment shader exactly as ScatterplotLayer does
 * (smoothstep over ±0.5 px at both edges). The time filter is time-filter.ts's: three values a
 * mark, three ranges as uniforms; a mark that fails is collapsed. Not supported (no caller uses
 * them): billboard, antialiasing: false, pixel offsets.
 */
const uniformBlock = /* glsl */ `\
layout(std140) uniform pointsUniforms {
  vec2 range0;
  vec2 range1;
  vec2 range2;
  float radiusScale;
  float radiusMinPixels;
  float radiusMaxPixels;
  float lineWidthScale;
  float lineWidthMinPixels;
  float lineWidthMaxPixels;
  float stroked;
  float filled;
  highp int radiusUnits;
  highp int lineWidthUnits;
} points;
`;

export const pointsUniforms = {
  name: 'points',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: {
    range0: 'vec2<f32>',
    range1: 'vec2<f32>',
    range2: 'vec2<f32>',
    radiusScale: 'f32',
    radiusMinPixels: 'f32',
    radiusMaxPixels: 'f32',
    lineWidthScale: 'f32',
    lineWidthMinPixels: 'f32',
    lineWidthMaxPixels: 'f32',
    stroked: 'f32',
    filled: 'f32',
    radiusUnits: 'i32',
    lineWidthUnits: 'i32',
  },
} as const;

/** POINT_EDGE: half the antialiased edge, in pixels (deck.gl's SMOOTH_EDGE_RADIUS). */
const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME point-program-layer-vertex-shader
#define POINT_EDGE 0.5
in vec3 positions;
in vec3 instancePositions;
in vec3 instancePositions64Low;
in float instanceRadius;
in float instanceLineWidths;
in vec4 instanceFillColors;
in vec4 instanceLineColors;
in vec3 instanceFilterValues;
in float instancePass;
out vec4 vFillColor;
out vec4 vLineColor;
out vec2 unitPosition;
out float innerUnitRadius;
out float outerRadiusPixels;
${FILTER_GLSL}
void main(void) {
  vec3 filterValues = vec3(instanceFilterValues.xy, instanceFilterValues.z * instancePass);
  bool shown = passesFilter(filterValues, points.range0, points.range1, points.range2);
  geometry.worldPosition = instancePositions; // project_size's latitude (radii in metres)
  outerRadiusPixels = clamp(project_size_to_pixel(points.radiusScale * instanceRadius, points.radiusUnits),
    points.radiusMinPixels, points.radiusMaxPixels);
  float lineWidthPixels = clamp(project_size_to_pixel(points.lineWidthScale * instanceLineWidths, points.lineWidthUnits),
    points.lineWidthMinPixels, points.lineWidthMaxPixels);
  outerRadiusPixels += points.stroked * lineWidthPixels / 2.0;
  float edgePadding = (outerRadiusPixels + POINT_EDGE) / outerRadiusPixels;
  unitPosition = edgePadding * positions.xy;
  innerUnitRadius = 1.0 - points.stroked * lineWidthPixels / outerRadiusPixels;
  vec3 offset = edgePadding * positions * project_pixel_size(outerRadiusPixels);
  vec4 commonPosition;
  vec4 clip = project_position_to_clipspace(instancePositions, instancePositions64Low, offset, commonPosition);
  gl_Position = shown ? clip : vec4(0.0);
  vFillColor = vec4(instanceFillColors.rgb, instanceFillColors.a * layer.opacity);
  vLineColor = vec4(instanceLineColors.rgb, instanceLineColors.a * layer.opacity);
  picking_setPickingColor(picking_getPickingColorFromInstanceID());
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME point-program-layer-fragment-shader
#define POINT_EDGE 0.5
precision highp float;
in vec4 vFillColor;
in vec4 vLineColor;
in vec2 unitPosition;
in float innerUnitRadius;
in float outerRadiusPixels;
out vec4 fragColor;
float edge(float e, float x) { return smoothstep(e - POINT_EDGE, e + POINT_EDGE, x); }
void main(void) {
  float distToCenter = length(unitPosition) * outerRadiusPixels;
  float inCircle = edge(distToCenter, outerRadiusPixels);
  if (inCircle == 0.0) discard;
  if (points.stroked > 0.5) {
    float isLine = edge(innerUnitRadius * outerRadiusPixels, distToCenter);
    if (points.filled > 0.5) {
      fragColor = mix(vFillColor, vLineColor, isLine);
    } else {
      if (isLine == 0.0) discard;
      fragColor = vec4(vLineColor.rgb, vLineColor.a * isLine);
    }
  } else if (points.filled < 0.5) {
    discard;
  } else {
    fragColor = vFillColor;
  }
  fragColor.a *= inCircle;
  fragColor = picking_filterColor(fragColor);
}
`;

/**
 * The time filter's values: three a mark (time-filter.ts), from the `getFilterValue` buffer; the
 * third is multiplied by `getPass` (one float a mark, 1 = passes the filters), so a filter change
 * writes one value a mark, not the three (4 MB at a million marks, not 12).
 */
export const FILTER_ATTRIBUTE = {
  instanceFilterValues: { size: FILTER_SIZE, accessor: 'getFilterValue', defaultValue: [0, 0, 1] },
  instancePass: { size: 1, accessor: 'getPass', defaultValue: 1 },
} as const;

export type PointProgramProps = Partial<ScatterplotLayerProps> & { filterRange: FilterRange };

/** Passes everything: the filter range when none is given. */
const PASS_ALL: FilterRange = [
  [-Infinity, Infinity],
  [-Infinity, Infinity],
  [-Infinity, Infinity],
];

/** What `draw` hands the `points` uniforms for a layer's props (exported for the unit tests). */
export function pointUniforms(
  p: Required<ScatterplotLayerProps> & { filterRange?: FilterRange },
): Record<string, unknown> {
  const [r0, r1, r2] = p.filterRange ?? PASS_ALL;
  return {
    range0: r0,
    range1: r1,
    range2: r2,
    radiusScale: p.radiusScale,
    radiusMinPixels: p.radiusMinPixels,
    radiusMaxPixels: p.radiusMaxPixels,
    lineWidthScale: p.lineWidthScale,
    lineWidthMinPixels: p.lineWidthMinPixels,
    lineWidthMaxPixels: p.lineWidthMaxPixels,
    stroked: p.stroked ? 1 : 0,
    filled: p.filled ? 1 : 0,
    radiusUnits: UNIT[p.radiusUnits],
    lineWidthUnits: UNIT[p.lineWidthUnits],
  };
}

export class PointProgramLayer extends OffsetScatterplotLayer {
  static layerName = 'PointProgramLayer';

  override getShaders(): ReturnType<OffsetScatterplotLayer['getShaders']> {
    // Layer.getShaders, not ScatterplotLayer's: this program's modules only.
    return Layer.prototype.getShaders.call(this, {
      vs,
      fs,
      modules: [project32, picking, pointsUniforms],
    });
  }

  override initializeState(): void {
    super.initializeState();
    this.getAttributeManager()?.remove(['instancePixelOffset']);
    this.getAttributeManager()?.addInstanced(FILTER_ATTRIBUTE);
  }

  override draw(): void {
    const model = this.state.model;
    if (!model) return;
    // The props this layer is made with (PointProgramProps) over ScatterplotLayer's defaults.
    const props = this.props as unknown as Required<ScatterplotLayerProps> & { filterRange?: FilterRange };
    model.shaderInputs.setProps({ points: pointUniforms(props) });
    model.draw(this.context.renderPass);
  }
}
