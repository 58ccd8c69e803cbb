// deck.gl layer drawing only a time window's slice of a PointSet, from GPU buffers uploaded once.
import {
  CompositeLayer,
  type BinaryAttribute,
  type DefaultProps,
  type GetPickingInfoParams,
  type Layer,
  type PickingInfo,
  type UpdateParameters,
} from '@deck.gl/core';
import type { ScatterplotLayerProps } from '@deck.gl/layers';
import type { Buffer } from '@luma.gl/core';
import type { Item } from '../../core/columnar/dataset';
import { passValues, type MarkRange, type PointSet } from './point-sets';
import { PointProgramLayer, type PointProgramProps } from './point-program-layer';
import { FILTER_SIZE, type FilterRange } from './time-filter';
import { startUpload, type SlicedUpload } from './sliced-upload';

/**
 * How it stays proportional to what is visible:
 * - the set's columns go to GPU buffers once (per set, per GPU device; a big set a slice a frame);
 * - a window is `range` [lo, hi) of the single-day marks and [lo, hi) of the ranged ones (see
 *   markRange): each part's sub-layer gets `data: {length: hi - lo, attributes}` whose
 *   attributes point into those buffers at byte offset lo × stride (deck.gl "external buffers":
 *   Attribute.setExternalBuffer / setBinaryValue take `{buffer, offset, size}` as is — no accessor
 *   runs, nothing is copied or uploaded; see @deck.gl/core attribute.js and data-column.js);
 * - the GPU draws hi - lo instances with PointProgramLayer's small program, whose time filter
 *   (uniforms) drops ranged events that end before the window and events the filters reject
 *   (`mask`, a float a mark written when the filters change). Every point layer is this one
 *   program and layout (each program costs a few hundred ms to compile in software WebGL).
 */
export interface WindowedPointsProps {
  set: PointSet;
  /** Marks to draw: [lo, hi) of the single-day part, [lo, hi) of the ranged part (see markRange). */
  range: MarkRange;
  /** The window as time-filter.ts's ranges (the same as the other data layers'). */
  filterRange: FilterRange;
  /** Pass mask by dataset row (the filters); null = everything passes. */
  mask: Uint8Array | null;
  /** ScatterplotLayer props that do not vary per mark (colours, units, stroke…), drawn by PointProgramLayer. */
  style: Partial<ScatterplotLayerProps>;
  /** Fill colours from the set's colour buffer (else `style.getFillColor`). */
  perMarkColor: boolean;
  /** The item of a dataset row, for picking. */
  itemAt: ((row: number) => Item) | null;
  /** Multiplies every mark's radius (a uniform: symbols shrink when zoomed out, style.ts markScale). */
  radiusScale: number;
}

const FILTER_STRIDE = FILTER_SIZE * 4;
/** Sub-layer ids of the two parts of a set. */
const PART_IDS = ['points', 'ranged'] as const;

interface GpuSet {
  set: PointSet;
  positions: Buffer;
  radius: Buffer;
  colors: Buffer;
  filter: Buffer;
  /** One float a mark: passes the filters (written alone when they change). */
  pass: Buffer;
  /** The pass values last written (rewritten in place for the next filter change). */
  passes: Float32Array;
  mask: Uint8Array | null;
  /** The buffers' writing (all at once for most sets; a slice a frame for a big one). */
  upload: SlicedUpload;
  /** Its slices are being written, a frame each (writeSlices). */
  writing?: boolean;
}

type WindowData = { length: number; attributes: Record<string, BinaryAttribute> };
type State = { gpu: GpuSet | null; data: { key: string; value: WindowData }[] };

const defaultProps: DefaultProps<WindowedPointsProps> = {
  set: { type: 'object', value: null as unknown as PointSet, compare: false },
  range: { type: 'array', value: [0, 0, 0, 0], compare: true },
  filterRange: {
    type: 'array',
    value: [
      [0, 0],
      [0, 0],
      [0, 0],
    ],
    compare: true,
  },
  mask: { type: 'object', value: null, compare: false },
  style: { type: 'object', value: {}, compare: false },
  perMarkColor: true,
  itemAt: { type: 'function', value: null, compare: false },
  radiusScale: 1,
};

export class WindowedPointsLayer extends CompositeLayer<WindowedPointsProps> {
  static layerName = 'WindowedPointsLayer';
  static defaultProps = defaultProps;
  declare state: State;

  initializeState(): void {
    this.setState({ gpu: null, data: [] } satisfies State);
  }

  updateState({ props }: UpdateParameters<this>): void {
    let gpu = this.state.gpu;
    if (!gpu || gpu.set !== props.set) {
      this.releaseGpu();
      gpu = this.upload(props.set, props.mask);
      this.setState({ gpu, data: [] } satisfies State);
    } else if (gpu.mask !== props.mask) {
      // The filters changed: one write of a float a mark, nothing else.
      gpu.upload.replace(4, passValues(gpu.set, props.mask, gpu.passes));
      gpu.mask = props.mask;
      this.setState({ data: [] });
    }
    if (!gpu.upload.done()) this.writeSlices(gpu);
  }

  /**
   * A big set's buffers written a slice a frame (sliced-upload.ts), between deck.gl's frames: the
   * layer asks for an update (its sub-layers, one redraw) only once all is written, so the frames
   * meanwhile redraw nothing for it (each redraw is tens of ms of the GPU process in software WebGL).
   */
  private writeSlices(gpu: GpuSet): void {
    if (gpu.writing) return;
    gpu.writing = true;
    const next = (): void => {
      if (this.state.gpu !== gpu) return; // replaced or finalized: its buffers are gone
      gpu.upload.step();
      if (gpu.upload.done()) this.setNeedsUpdate();
      else requestAnimationFrame(next);
    };
    requestAnimationFrame(next);
  }

  /** Loaded once the set's buffers are all written (the views' idle and the PNG export wait for it). */
  override get isLoaded(): boolean {
    return super.isLoaded && (this.state?.gpu?.upload.done() ?? true);
  }

  finalizeState(): void {
    this.releaseGpu();
  }

  private upload(set: PointSet, mask: Uint8Array | null): GpuSet {
    const device = this.context.device;
    // Never a zero-length buffer; a layer may have no marks.
    const data = <T extends Float32Array | Uint8Array>(a: T, size: number): T =>
      a.length ? a : new (a.constructor as new (n: number) => T)(size);
    const passes = data(passValues(set, mask), 1);
    const upload = startUpload(device, [
      data(set.positions, 2),
      data(set.radius, 1),
      data(set.colors, 4),
      data(set.filter, FILTER_SIZE),
      passes,
    ]);
    const [positions, radius, colors, filter, pass] = upload.buffers;
    return { set, positions, radius, colors, filter, pass, passes, mask, upload };
  }

  private releaseGpu(): void {
    const gpu = this.state?.gpu;
    if (!gpu) return;
    for (const b of [gpu.positions, gpu.radius, gpu.colors, gpu.filter, gpu.pass]) b.destroy();
    this.state.gpu = null;
  }

  /** A part's binary data for [lo, hi): the same buffers, at offsets for lo; the same object while the range stays. */
  private windowData(part: 0 | 1, lo: number, hi: number): WindowData {
    const gpu = this.state.gpu as GpuSet;
    const key = `${lo}:${hi}:${String(this.props.perMarkColor)}`;
    const cached = this.state.data[part];
    if (cached && cached.key === key) return cached.value;
    // Strides are explicit: instancePositions is declared float64 (fp64), so deck.gl would
    // otherwise assume 8 bytes per element and read every other point.
    const attributes: Record<string, BinaryAttribute> = {
      getPosition: { buffer: gpu.positions, offset: lo * 8, size: 2, stride: 8, type: 'float32' },
      getRadius: { buffer: gpu.radius, offset: lo * 4, size: 1, stride: 4, type: 'float32' },
      getFilterValue: {
        buffer: gpu.filter,
        offset: lo * FILTER_STRIDE,
        size: FILTER_SIZE,
        stride: FILTER_STRIDE,
        type: 'float32',
      },
      getPass: { buffer: gpu.pass, offset: lo * 4, size: 1, stride: 4, type: 'float32' },
    };
    if (this.props.perMarkColor)
      attributes.getFillColor = { buffer: gpu.colors, offset: lo * 4, size: 4, stride: 4, type: 'unorm8' };
    const value = { length: Math.max(0, hi - lo), attributes };
    this.state.data[part] = { key, value };
    return value;
  }

  /** One sub-layer for the single-day marks, one more when the set has ranged marks. */
  renderLayers(): Layer[] {
    if (!this.state.gpu?.upload.done()) return []; // the set's buffers still being written
    const { set, range, style, filterRange, radiusScale } = this.props;
    const parts = set.instantCount < set.n ? ([0, 1] as const) : ([0] as const);
    return parts.map((part) => {
      const props: PointProgramProps = {
        ...style,
        data: this.windowData(part, range[2 * part], range[2 * part + 1]),
        filterRange,
        radiusScale,
      };
      return new PointProgramLayer(this.getSubLayerProps({ id: PART_IDS[part] }), props);
    });
  }

  getPickingInfo({ info, sourceLayer }: GetPickingInfoParams): PickingInfo {
    const { itemAt, range, set } = this.props;
    const part = sourceLayer?.id.endsWith(PART_IDS[1]) ? 1 : 0;
    const k = range[2 * part] + info.index;
    if (info.index >= 0 && k < set.n && itemAt) info.object = itemAt(set.row[k]);
    return info;
  }
}
