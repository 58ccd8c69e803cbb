// The base map's lines in deck.gl as MapLibre draws them: one small program for every kind, a mesh built once, width and colour as uniforms.
import { Layer, project32, type LayerContext, type UpdateParameters } from '@deck.gl/core';
import { Geometry, Model } from '@luma.gl/engine';
import type { LineMesh } from './line-mesh';

/**
 * Why not deck.gl's PathLayer: in software WebGL (SwiftShader: the bench, and phones that fall
 * back to it) its vertex shader — joints, caps, miters, dashes, billboarding, run for twelve
 * vertices of every segment — and its program's compile cost seconds for the base map's ~40,000
 * segments. This layer's shader only projects a point and pushes it out along its normal.
 */
const uniformBlock = /* glsl */ `\
layout(std140) uniform lineMeshUniforms {
  vec4 color;
  float widthPixels;
} lineMesh;
`;

const lineMeshUniforms = {
  name: 'lineMesh',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: { color: 'vec4<f32>', widthPixels: 'f32' },
} as const;

const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME line-mesh-layer-vertex-shader
in vec2 positions;
in vec2 normals;
void main(void) {
  vec3 p = project_position(vec3(positions, 0.0), vec3(0.0));
  p.xy += project_pixel_size(normals * (lineMesh.widthPixels * 0.5));
  gl_Position = project_common_position_to_clipspace(vec4(p, 1.0));
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME line-mesh-layer-fragment-shader
precision highp float;
out vec4 fragColor;
void main(void) {
  fragColor = lineMesh.color;
}
`;

export interface LineMeshLayerProps {
  id: string;
  mesh: LineMesh;
  /** RGBA, 0–255; its alpha times `opacity`. */
  color: readonly [number, number, number, number];
  widthPixels: number;
  opacity?: number;
  visible?: boolean;
}

export class LineMeshLayer extends Layer<LineMeshLayerProps> {
  static layerName = 'LineMeshLayer';

  override getShaders(): ReturnType<Layer['getShaders']> {
    return super.getShaders({ vs, fs, modules: [project32, lineMeshUniforms] });
  }

  override initializeState(_context: LayerContext): void {
    this.setState({ model: this.makeModel() });
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    if (params.props.mesh !== params.oldProps.mesh && params.oldProps.mesh) {
      (this.state.model as Model | undefined)?.destroy();
      this.setState({ model: this.makeModel() });
    }
  }

  override draw(): void {
    const { color, widthPixels, opacity } = this.props;
    const model = this.state.model as Model;
    model.shaderInputs.setProps({
      lineMesh: {
        color: [color[0] / 255, color[1] / 255, color[2] / 255, (color[3] / 255) * (opacity ?? 1)],
        widthPixels,
      },
    });
    model.draw(this.context.renderPass);
  }

  private makeModel(): Model {
    const { mesh } = this.props;
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      geometry: new Geometry({
        topology: 'triangle-list',
        attributes: {
          positions: { size: 2, value: mesh.positions },
          normals: { size: 2, value: mesh.normals },
        },
        indices: { size: 1, value: mesh.indices },
      }),
    });
  }
}
