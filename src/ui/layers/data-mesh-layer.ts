// deck.gl layer drawing a DataMesh (the data's fills, outlines, arcs) with one small program, time-filtered by uniforms.
import { Layer, picking, project32, type LayerContext, type UpdateParameters } from '@deck.gl/core';
import { Geometry, Model } from '@luma.gl/engine';
import type { Buffer } from '@luma.gl/core';
import type { DataMesh } from './data-mesh';
import { FILTER_GLSL, type FilterRange } from './time-filter';
import { glyphAtlas } from './glyph-atlas';

/**
 * Why not GeoJsonLayer / PathLayer / ArcLayer: in software WebGL (the bench; phones that fall back
 * to it) each deck.gl layer type's first draw compiles its heavy shaders and each vertex layout
 * 0.2–0.9 s (docs/performance-history.md, the embed's start-up). Every DataMesh has the same layout, so every area,
 * region and link layer shares this one program and one layout. The time filter is
 * time-filter.ts's (three values a vertex, three ranges as uniforms): a window change sets
 * `filterRange` only — no accessor runs and no buffer is written; a vertex that fails is collapsed.
 */
const uniformBlock = /* glsl */ `\
layout(std140) uniform dataMeshUniforms {
  vec2 range0;
  vec2 range1;
  vec2 range2;
  vec2 dash;
  vec2 glyphSize;
  vec4 color;
  float useColor;
  float widthScale;
  float glyphs;
} dataMesh;
`;

const dataMeshUniforms = {
  name: 'dataMesh',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: {
    range0: 'vec2<f32>',
    range1: 'vec2<f32>',
    range2: 'vec2<f32>',
    dash: 'vec2<f32>',
    glyphSize: 'vec2<f32>',
    color: 'vec4<f32>',
    useColor: 'f32',
    widthScale: 'f32',
    glyphs: 'f32',
  },
} as const;

const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME data-mesh-layer-vertex-shader
in vec3 positions;
in vec2 offsets;
in vec4 colors;
in float dist;
in float pick;
in vec3 filterValues;
in vec2 uvs;
out vec4 vColor;
out float vDist;
out vec2 vUv;
${FILTER_GLSL}
void main(void) {
  bool shown = passesFilter(filterValues, dataMesh.range0, dataMesh.range1, dataMesh.range2);
  vec3 p = project_position(positions, vec3(0.0));
  p.xy += project_pixel_size(offsets * dataMesh.widthScale);
  gl_Position = shown ? project_common_position_to_clipspace(vec4(p, 1.0)) : vec4(0.0);
  vec4 c = dataMesh.useColor > 0.5 ? dataMesh.color : colors;
  vColor = vec4(c.rgb, c.a * layer.opacity);
  vDist = dist < 0.0 ? -1.0 : dist * project.scale;
  vUv = uvs / dataMesh.glyphSize;
  picking_setPickingColor(picking_getPickingColorFromIndex(pick));
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME data-mesh-layer-fragment-shader
precision highp float;
uniform sampler2D glyphAtlas;
in vec4 vColor;
in float vDist;
in vec2 vUv;
out vec4 fragColor;
void main(void) {
  if (vDist >= 0.0 && mod(vDist, dataMesh.dash.x + dataMesh.dash.y) > dataMesh.dash.x) discard;
  vec4 c = vColor;
  // A glyph: the atlas's coverage as alpha (TextLayer's plain glyphs, its alpha cut-off 0.001); a pick takes the whole quad.
  if (dataMesh.glyphs > 0.5 && !bool(picking.isActive)) {
    c.a *= texture(glyphAtlas, vUv).a;
    if (c.a < 0.001) discard;
  }
  fragColor = picking_filterColor(c);
}
`;

export interface DataMeshLayerProps<T = unknown> {
  id: string;
  mesh: DataMesh;
  /** Filter values ×3 a vertex (data-mesh.ts meshFilter); a new array when the filters change. */
  filter: Float32Array;
  filterRange: FilterRange;
  /** The objects by `pick` index: what picking returns. */
  data: readonly T[];
  /** One colour (RGBA 0–255) for the whole mesh instead of its vertices' (the base map's: a theme changes a uniform). */
  color?: readonly [number, number, number, number] | null;
  /** Multiplies every vertex's offset: a mesh built for lines 1 px wide drawn `widthScale` px wide (the base map's zoom). */
  widthScale?: number;
  /** The mesh is glyphs (text-mesh.ts): each fragment's alpha is the glyph atlas's coverage. */
  glyphs?: boolean;
  /** Dashes along dashed lines: [on, off] in pixels. */
  dash?: [number, number];
  opacity?: number;
  visible?: boolean;
  pickable?: boolean;
}

type State = { model: Model | null; filterBuffer: Buffer | null; mesh: DataMesh | null; filter: Float32Array | null };

/** A vertex buffer is never empty (WebGL rejects zero-sized buffers). */
const atLeast = <T extends Float32Array | Uint8Array>(a: T, n: number): T =>
  a.length ? a : new (a.constructor as new (n: number) => T)(n);

export class DataMeshLayer<T = unknown> extends Layer<DataMeshLayerProps<T>> {
  static layerName = 'DataMeshLayer';
  declare state: State;

  override getShaders(): ReturnType<Layer['getShaders']> {
    return super.getShaders({ vs, fs, modules: [project32, picking, dataMeshUniforms] });
  }

  override initializeState(_context: LayerContext): void {
    this.setState({ model: null, filterBuffer: null, mesh: null, filter: null } satisfies State);
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    const { mesh, filter } = params.props;
    if (mesh !== this.state.mesh) {
      this.releaseGpu();
      const filterBuffer = this.context.device.createBuffer({ data: atLeast(filter, 3) });
      this.setState({ model: this.makeModel(mesh, filterBuffer), filterBuffer, mesh, filter } satisfies State);
    } else if (filter !== this.state.filter && this.state.filterBuffer) {
      // The filters changed: one write of the filter values, nothing else.
      this.state.filterBuffer.write(atLeast(filter, 3));
      this.setState({ filter });
    }
  }

  override finalizeState(context: LayerContext): void {
    this.releaseGpu();
    super.finalizeState(context);
  }

  override getModels(): Model[] {
    return this.state.model ? [this.state.model] : [];
  }

  override draw(): void {
    const { model } = this.state;
    if (!model || !this.props.mesh.indices.length) return;
    const [r0, r1, r2] = this.props.filterRange;
    const c = this.props.color;
    // Every mesh binds the one atlas texture (one sampler state for the one program); only glyphs sample it.
    const atlas = glyphAtlas().texture(this.context.device);
    model.shaderInputs.setProps({
      dataMesh: {
        glyphAtlas: atlas,
        glyphSize: [atlas.width, atlas.height],
        glyphs: this.props.glyphs ? 1 : 0,
        range0: r0,
        range1: r1,
        range2: r2,
        dash: this.props.dash ?? [0, 1],
        color: c ? [c[0] / 255, c[1] / 255, c[2] / 255, c[3] / 255] : [0, 0, 0, 0],
        useColor: c ? 1 : 0,
        widthScale: this.props.widthScale ?? 1,
      },
    });
    model.draw(this.context.renderPass);
  }

  private releaseGpu(): void {
    this.state.model?.destroy();
    this.state.filterBuffer?.destroy();
    this.setState({ model: null, filterBuffer: null });
  }

  private makeModel(mesh: DataMesh, filterBuffer: Buffer): Model {
    const model = new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: [{ name: 'filterValues', format: 'float32x3' }],
      geometry: new Geometry({
        topology: 'triangle-list',
        attributes: {
          positions: { size: 3, value: atLeast(mesh.positions, 3) },
          offsets: { size: 2, value: atLeast(mesh.offsets, 2) },
          colors: { size: 4, value: atLeast(mesh.colors, 4), normalized: true },
          dist: { size: 1, value: atLeast(mesh.dist, 1) },
          pick: { size: 1, value: atLeast(mesh.pick, 1) },
          uvs: { size: 2, value: atLeast(mesh.uvs, 2) },
        },
        indices: { size: 1, value: mesh.indices.length ? mesh.indices : new Uint32Array(3) },
      }),
    });
    model.setAttributes({ filterValues: filterBuffer });
    return model;
  }
}
