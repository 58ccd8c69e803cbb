// A ScatterplotLayer whose attribute byte offsets can change every frame without building pipelines or leaking vertex arrays.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { BufferLayout, Device, PipelineFactory, RenderPipeline, RenderPipelineProps } from '@luma.gl/core';

/**
 * WindowedPointsLayer moves a window by changing the byte offsets of its attributes. In deck.gl
 * 9.4 / luma.gl 9.4 a new offset is a new vertex layout, and Model.setBufferLayout then (see
 * @luma.gl/engine dist/model/model.js):
 *  1. asks its pipeline factory for a pipeline keyed by the whole layout — offsets included — so
 *     each new offset makes a new RenderPipeline, whose constructor introspects the WebGL program
 *     again (getShaderLayoutFromGLSL: ~3 ms a frame in software WebGL), and the factory keeps
 *     every one of them (it only destroys with the device prop `_destroyPipelines`);
 *  2. makes a new vertex array from `pipeline.bufferLayout` without destroying the old one.
 * A WebGL program does not depend on attribute offsets (only the vertex array does), so this
 * layer's model gets a pipeline source of its own that keeps ONE pipeline (sharing the linked
 * program with every other layer) and re-points its `bufferLayout` at the new layout, and the
 * layer destroys the vertex array a layout change replaces. tests/browser/scale.test.ts counts
 * the WebGL vertex arrays and programs while the window moves.
 */
export class OffsetScatterplotLayer extends ScatterplotLayer {
  static layerName = 'OffsetScatterplotLayer';

  protected override _getModel(): ReturnType<ScatterplotLayer['_getModel']> {
    const model = super._getModel();
    const own = new OffsetBlindPipelines(model.pipelineFactory, this.context.device, model.pipeline);
    // `pipelineFactory` is readonly in luma.gl's types; the model reads it on every pipeline update.
    Object.defineProperty(model, 'pipelineFactory', { value: own });
    return model;
  }

  protected override updateAttributes(changedAttributes: Parameters<ScatterplotLayer['updateAttributes']>[0]): void {
    const models = this.getModels();
    const before = models.map((m) => m.vertexArray);
    super.updateAttributes(changedAttributes);
    models.forEach((m, i) => {
      if (m.vertexArray !== before[i]) before[i].destroy();
    });
  }
}

/** The parts of a pipeline's props that shape the program and its state — the layout minus its byte offsets. */
function pipelineKey(props: RenderPipelineProps): unknown[] {
  const layout = (props.bufferLayout ?? []).map((b) => ({
    ...b,
    attributes: b.attributes?.map((a) => ({ ...a, byteOffset: 0 })),
  }));
  return [
    props.vs,
    props.fs,
    props.topology,
    JSON.stringify(props.parameters ?? null),
    JSON.stringify(layout),
    JSON.stringify(props.shaderLayout ?? null),
  ];
}

/**
 * What Model needs of a PipelineFactory (createRenderPipeline, release), for one model: a pipeline
 * of its own, re-pointed at new byte offsets; a real change (shaders, parameters, layout shape)
 * gets a new one. The linked WebGL program comes from (and is shared through) the device's factory.
 */
class OffsetBlindPipelines {
  private own: RenderPipeline | null = null;
  private key: unknown[] = [];

  constructor(
    private readonly base: PipelineFactory,
    private readonly device: Device,
    private adopted: RenderPipeline | null,
  ) {}

  createRenderPipeline(props: RenderPipelineProps): RenderPipeline {
    if (this.device.type !== 'webgl') return this.base.createRenderPipeline(props); // WebGPU bakes layouts into pipelines
    const key = pipelineKey(props);
    if (this.own && key.every((k, i) => k === this.key[i])) {
      // Only offsets moved: the model builds its new vertex array from this layout.
      (this.own as { bufferLayout: BufferLayout[] }).bufferLayout = props.bufferLayout ?? [];
      return this.own;
    }
    this.dropOwn();
    if (this.adopted) {
      this.base.release(this.adopted); // the model's first pipeline came from the shared cache
      this.adopted = null;
    }
    const shared = this.base.createSharedRenderPipeline(props);
    this.own = this.device.createRenderPipeline({ ...props, _sharedRenderPipeline: shared });
    this.key = key;
    return this.own;
  }

  release(pipeline: RenderPipeline): void {
    if (this.device.type !== 'webgl') this.base.release(pipeline);
    else if (pipeline === this.own) this.dropOwn();
    else if (pipeline === this.adopted) {
      this.base.release(pipeline);
      this.adopted = null;
    }
  }

  private dropOwn(): void {
    const p = this.own;
    if (!p) return;
    this.own = null;
    p.destroy();
    this.base.releaseSharedRenderPipeline(p);
  }
}
