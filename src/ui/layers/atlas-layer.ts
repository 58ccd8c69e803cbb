// The one deck.gl layer of the data: a CompositeLayer that prepares each dataset once and draws dots, hexagons or a heatmap.
import {
  CompositeLayer,
  type DefaultProps,
  type GetPickingInfoParams,
  type Layer,
  type PickingInfo,
  type UpdateParameters,
} from '@deck.gl/core';
import { BitmapLayer, PathLayer } from '@deck.gl/layers';
import { hexagonLayer, hexagonMesh, type HexagonMesh } from './hexagon-layer';
import type { Dataset } from '../../core/columnar/dataset';
import { installLayerStateOwner } from './layer-state-owner';
import type { Filters } from '../../core/filters/filters';
import { filterMask } from '../../app/derived';
import type { DayRange, WindowMode } from '../../core/time/window';
import { SELECTION_COLOR } from '../../core/config';
import { prepareModules, renderDataLayers } from './data-layers';
import type { Prepared } from './prepare-data';
import { takePrepared } from './layer-prepare';
import { nudgeKey, windowAreaLabels } from './area-labels';
import { canvasMeasure, type Measure } from './labels';
import type { DensityModel, CellSummary, DensityFrame, DensityInfo } from './density';
import type { AggMode } from '../../app/agg-mode';
import { hexCorners, latOf, lonOf, worldX, worldY } from '../../core/geo/hex-grid';
import { binColors } from './density-scale';
import type { Texture } from '@luma.gl/core';
import { admitNew } from './staging';

/** A hexagon the user narrowed the list to (the store's `area`), outlined on the map. */
export interface HexArea {
  q: number;
  r: number;
  R: number;
}

export interface AtlasLayerProps {
  dataset: Dataset;
  /** The window after the mode is applied. */
  window: DayRange;
  mode: WindowMode;
  /** Keys of the layers shown. */
  layers: readonly string[];
  selected: string | null;
  hovered: string | null;
  filters: Filters | undefined;
  agg: AggMode;
  /** While playing, the colour scale's domain comes from the whole span. */
  playing: boolean;
  area: HexArea | null;
  /** Told what the density view shows whenever that changes (the legend explains the scale). */
  onDensity: ((info: DensityInfo) => void) | null;
  /** Where the dots of the places that must show stand (lon, lat; labels.ts labelDotPoints): area labels keep off them. */
  labelDots: readonly (readonly [number, number])[];
  /**
   * True on the interactive map: the sub-layers a new dataset brings that were not drawn before
   * come in over a few frames (staging.ts: one drawn, or four hidden, a frame; each makes its GL
   * model and buffers, 10–20 ms in software WebGL, and makes the GPU process busy for the frame's
   * draw), and the layer is not `isLoaded` until all are in. The PNG export leaves it false:
   * everything in its one frame.
   */
  staged: boolean;
}

/** A picked hexagon (PickingInfo.object of the hexagon sub-layer). */
export interface HexPick extends CellSummary {
  kind: 'hex';
}

export function isHexPick(o: unknown): o is HexPick {
  return !!o && typeof o === 'object' && (o as { kind?: unknown }).kind === 'hex';
}

interface State {
  prepared: Prepared;
  modules: unknown[];
  density: DensityModel;
  frame: DensityFrame | null;
  /** Hexagon colours of the last bins (by bins object). */
  colors: {
    bins: unknown;
    domain: number;
    hex: HexagonMesh;
  } | null;
  /** The heatmap's texture, written again (not made again) for each new image of the same size. */
  heat: { src: unknown; texture: Texture } | null;
  lastInfoKey: string;
  /** A new dataset's sub-layers are still coming in (`staged`). */
  staging: boolean;
  /** The ids of the sub-layers the last renderLayers returned. */
  drawnIds: Set<string>;
  /** The sub-layers the last full renderLayers made (while staging, the next frames' list). */
  all?: Layer[];
  /** This update only brings in the next waiting sub-layer. */
  stageOnly?: boolean;
  finalized?: boolean;
  picked?: { frame: DensityFrame; cell: number; pick: HexPick };
  [key: string]: unknown;
}

const defaultProps: DefaultProps<AtlasLayerProps> = {
  dataset: { type: 'object', value: null as unknown as Dataset, compare: false },
  window: { type: 'object', value: { from: 0, to: 0 }, compare: true },
  mode: 'window',
  layers: { type: 'array', value: [], compare: true },
  selected: null,
  hovered: null,
  filters: { type: 'object', value: undefined, compare: false },
  agg: 'auto',
  playing: false,
  area: { type: 'object', value: null, compare: true },
  onDensity: { type: 'function', value: null, compare: false },
  labelDots: { type: 'array', value: [], compare: false },
  staged: false,
};

const HEX_ALPHA = 215;

/**
 * One CompositeLayer for the map and the PNG export alike (render-png.ts):
 * - updateState: when the dataset changes, prepares it (point sets for the GPU, items of the
 *   few long-lived features, category colours, the density model) — the state lives and dies
 *   with the layer, nothing is cached in modules; on every update it asks the density model
 *   whether to draw dots or bins (a pan re-sums the bins in view; the window re-bins, O(window));
 * - renderLayers: the sub-layers of data-layers.ts, with the hexagons or heatmap in place of the
 *   strike dots, and the narrowed hexagon's outline.
 */
installLayerStateOwner(); // or deck.gl keeps the first dataset drawn alive (layer-state-owner.ts)

let measure: Measure | null = null;
/** One canvas measure for the labels' widths, made on first use (the layer runs on the page). */
function labelMeasure(): Measure {
  measure ??= canvasMeasure();
  return measure;
}

export class AtlasDataLayer extends CompositeLayer<AtlasLayerProps> {
  static layerName = 'AtlasDataLayer';
  static defaultProps = defaultProps;
  declare state: State;

  initializeState(): void {
    this.setState({ staging: false, drawnIds: new Set<string>() });
  }

  shouldUpdateState({ changeFlags }: UpdateParameters<this>): boolean {
    // The view matters to `auto`, the heatmap (it covers the view) and the symbols' zoom scale;
    // sub-layers still waiting to come in (`staged`) are the next update's.
    return changeFlags.propsOrDataChanged || changeFlags.viewportChanged || this.state.staging;
  }

  updateState({ props, oldProps, changeFlags }: UpdateParameters<this>): void {
    // Only the next of a new dataset's waiting sub-layers to bring in: nothing else changed (staged).
    this.state.stageOnly = this.state.staging && !changeFlags.propsOrDataChanged && !changeFlags.viewportChanged;
    if (this.state.stageOnly) return;
    if (!this.state?.prepared || props.dataset !== oldProps.dataset) {
      // A dataset in place of one drawn (an import landing): its new sub-layers come in a few a frame.
      const staging = !!this.state?.prepared && props.staged;
      // Made ahead (layer-prepare.ts) for an import's dataset; otherwise here.
      const { prepared, density } = takePrepared(props.dataset);
      this.setState({
        prepared,
        modules: prepareModules(props.dataset),
        density,
        frame: null,
        colors: null,
        lastInfoKey: '',
        staging,
      });
    }
    const vp = this.context.viewport;
    const [west, south, east, north] = vp.getBounds();
    const view: [number, number, number, number] = [worldX(west), worldY(south), worldX(east), worldY(north)];
    const mask = filterMask(props.dataset, props.filters);
    const frame = this.state.density.update({
      win: props.window,
      mode: props.mode,
      layers: props.layers,
      mask,
      agg: props.agg,
      playing: props.playing,
      zoom: vp.zoom,
      view,
    });
    this.setState({ frame });
    const i = frame.info;
    const key = `${i.drawn}:${i.requested}:${i.size.R}:${i.max}:${i.domain}:${i.fixed}:${i.total}:${i.inView}`;
    if (key !== this.state.lastInfoKey) {
      this.state.lastInfoKey = key;
      props.onDensity?.(i);
    }
  }

  /** Loaded once a new dataset's sub-layers are all in, and each of them is loaded (the views' idle waits for it). */
  override get isLoaded(): boolean {
    return super.isLoaded && !this.state?.staging;
  }

  finalizeState(): void {
    this.state.finalized = true;
    this.state.heat?.texture.destroy();
    this.state.heat = null;
  }

  /** The heatmap image as a texture: one per size, its texels written for each new image. */
  private heatTexture(h: NonNullable<DensityFrame['heat']>): Texture | null {
    const device = this.context.device;
    if (!device) return null;
    let cached = this.state.heat;
    if (cached && cached.src === h) return cached.texture;
    if (!cached || cached.texture.width !== h.width || cached.texture.height !== h.height) {
      cached?.texture.destroy();
      const texture = device.createTexture({
        width: h.width,
        height: h.height,
        format: 'rgba8unorm',
        sampler: {
          minFilter: 'linear',
          magFilter: 'linear',
          addressModeU: 'clamp-to-edge',
          addressModeV: 'clamp-to-edge',
        },
      });
      cached = { src: null, texture };
    }
    cached.texture.writeData(h.data);
    cached.src = h;
    this.state.heat = cached;
    return cached.texture;
  }

  renderLayers(): Layer[] {
    // Bringing in the next waiting sub-layer: the list is the one made last time.
    if (this.state.stageOnly && this.state.all) return this.staged(this.state.all);
    const { prepared, modules, frame } = this.state;
    const prefix = `${this.props.id}-`;
    const density = frame && frame.info.drawn !== 'dots' ? this.densityLayers(frame, prefix) : null;
    const vp = this.context.viewport;
    // The deployments' labels nudged apart in this view (the map's names keep clear of the same boxes).
    const spots = windowAreaLabels(
      this.props.dataset,
      this.props.window,
      this.props.layers,
      (p) => vp.project(p) as [number, number],
      labelMeasure(),
      this.props.selected,
      this.props.labelDots,
      { width: vp.width, height: vp.height },
    );
    const labelNudges = {
      offset: new Map(spots.filter((s) => s.dx || s.dy).map((s) => [s.id, [s.dx, s.dy] as [number, number]])),
      hidden: new Set(spots.filter((s) => s.hidden).map((s) => s.id)),
      key: nudgeKey(spots),
    };
    const input = {
      dataset: this.props.dataset,
      window: this.props.window,
      layers: this.props.layers,
      selected: this.props.selected,
      filters: this.props.filters,
      agg: this.props.agg,
      labelNudges,
    };
    const out = renderDataLayers(
      prepared,
      input,
      { idPrefix: prefix, zoom: this.context.viewport.zoom, density, hovered: this.props.hovered },
      modules,
    );
    const area = this.props.area;
    if (area) {
      out.push(
        new PathLayer<{ path: [number, number][] }>({
          id: `${prefix}density:area`,
          data: [{ path: hexCorners(area.q, area.r, area.R) }],
          getPath: (d) => d.path,
          getColor: SELECTION_COLOR,
          widthUnits: 'pixels',
          getWidth: 3,
        }),
      );
    }
    return this.staged(out);
  }

  /** While a new dataset's sub-layers come in: those drawn before and what a frame's budget allows of the new; the rest next frame. */
  private staged(all: Layer[]): Layer[] {
    const st = this.state;
    const out = st.staging ? admitNew(all, st.drawnIds) : all;
    st.drawnIds = new Set(out.map((l) => l.id));
    st.staging = out.length < all.length;
    st.all = st.staging ? all : undefined;
    // Outside deck's update: the next animation frame updates this layer (or the one that replaced it) again.
    if (st.staging) requestAnimationFrame(() => !st.finalized && this.setNeedsUpdate());
    return out;
  }

  private densityLayers(frame: DensityFrame, prefix: string): Layer[] {
    if (frame.info.drawn === 'heatmap' && frame.heat) {
      const h = frame.heat;
      const texture = this.heatTexture(h);
      if (!texture) return [];
      const [x0, y0, x1, y1] = h.bounds;
      return [
        new BitmapLayer({
          id: `${prefix}density:heatmap`,
          image: texture,
          bounds: [lonOf(x0), latOf(y0), lonOf(x1), latOf(y1)],
        }),
      ];
    }
    const { bins } = frame;
    let c = this.state.colors;
    if (!c || c.bins !== bins || c.domain !== frame.info.domain) {
      c = {
        bins,
        domain: frame.info.domain,
        hex: hexagonMesh({
          n: bins.n,
          centres: bins.centres,
          R: bins.R,
          colors: binColors(bins.counts, frame.info.domain, HEX_ALPHA),
        }),
      };
      this.state.colors = c;
    }
    return [hexagonLayer(`${prefix}density:hexagons`, c.hex)];
  }

  getPickingInfo({ info, sourceLayer }: GetPickingInfoParams): PickingInfo {
    const frame = this.state.frame;
    if (frame && sourceLayer?.id.endsWith('density:hexagons') && info.index >= 0 && info.index < frame.bins.n) {
      // Hovering calls this on every move; the summary costs O(window), so the last one is kept.
      const cell = frame.bins.cell[info.index];
      const last = this.state.picked;
      const pick =
        last && last.frame === frame && last.cell === cell
          ? last.pick
          : ({ kind: 'hex', ...frame.info.describe(cell) } satisfies HexPick);
      this.state.picked = { frame, cell, pick };
      info.object = pick;
    }
    return info;
  }
}
