// The windowed strike layer: the window → mark range (instant, ranged, empty, edges), and that a window change runs no accessor and uploads nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AttributeManager, type Layer } from '@deck.gl/core';
import type { Device } from '@luma.gl/core';
import { buildDataset, type Dataset } from '../../core/columnar/dataset';
import { feature } from '../../../tests/support/features';
import { formatIsoDay } from '../../core/time/days';
import { buildPointSet, passValues, markRange, maxStrikeMagnitude, type MarkRange, type PointSet } from './point-sets';
import { WindowedPointsLayer, type WindowedPointsProps } from './windowed-points-layer';
import { FILTER_ATTRIBUTE, PointProgramLayer } from './point-program-layer';

const BASE = 19_000;

function strikes(events: [number, number][]): Dataset {
  return buildDataset(
    events.map(([s, d], i) =>
      feature(`s${String(i).padStart(4, '0')}`, 'strike', formatIsoDay(BASE + s), formatIsoDay(BASE + s + d), {}, [
        30 + i / 100,
        50,
      ]),
    ),
  );
}

function setOf(ds: Dataset): PointSet {
  return buildPointSet(ds, ds.columns.rowsOfLayer[0], 'strike', maxStrikeMagnitude(ds));
}

describe('markRange', () => {
  it('is exactly one contiguous range for single-day events; empty before, after and between them', () => {
    const set = setOf(
      strikes([
        [0, 0],
        [1, 0],
        [1, 0],
        [2, 0],
        [5, 0],
      ]),
    );
    expect(set.instantCount).toBe(5);
    expect(markRange(set, { from: BASE + 1, to: BASE + 2 })).toEqual([1, 4, 5, 5]);
    expect(markRange(set, { from: BASE + 3, to: BASE + 4 })).toEqual([4, 4, 5, 5]);
    expect(markRange(set, { from: BASE - 10, to: BASE - 1 })).toEqual([0, 0, 5, 5]);
    expect(markRange(set, { from: BASE + 6, to: BASE + 60 })).toEqual([5, 5, 5, 5]);
    expect(markRange(set, { from: BASE, to: BASE + 5 })).toEqual([0, 5, 5, 5]);
  });

  it('keeps ranged events (ACLED weeks and months) apart, reaching back by their longest duration only', () => {
    const set = setOf(
      strikes([
        [0, 30],
        [10, 0],
        [40, 6],
        [41, 0],
      ]),
    );
    expect([set.instantCount, set.n, set.maxDuration]).toEqual([2, 4, 30]);
    // Single-day marks 10 and 41; ranged [0, 30] and [40, 46].
    expect(markRange(set, { from: BASE + 25, to: BASE + 41 })).toEqual([1, 2, 2, 4]);
    expect(markRange(set, { from: BASE + 11, to: BASE + 20 })).toEqual([1, 1, 2, 3]);
  });

  it('draws every overlapping mark, and any extra mark ends before the window (the GPU filter drops it)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 200 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 35 }))),
          { minLength: 1, maxLength: 300 },
        ),
        fc.integer({ min: -40, max: 240 }),
        fc.integer({ min: 0, max: 60 }),
        (events, a, w) => {
          const ds = strikes(events);
          const set = setOf(ds);
          const win = { from: BASE + a, to: BASE + a + w };
          const [lo1, hi1, lo2, hi2] = markRange(set, win);
          const c = ds.columns;
          const drawn = (k: number): boolean => (k >= lo1 && k < hi1) || (k >= lo2 && k < hi2);
          for (let k = 0; k < set.n; k++) {
            const r = set.row[k];
            const overlaps = c.start[r] <= win.to && c.end[r] >= win.from;
            if (overlaps) expect(drawn(k)).toBe(true);
            else if (drawn(k)) expect(c.end[r] - ds.origin).toBeLessThan(win.from - ds.origin); // filtered on the GPU
            if (k < set.instantCount) expect(drawn(k)).toBe(overlaps); // single-day: exact
          }
          expect(hi1 <= set.instantCount && lo2 >= set.instantCount).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("writes the filter mask as a byte a mark, by each mark's dataset row, the filter values left as they are", () => {
    const ds = strikes([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    const set = setOf(ds);
    // [start, end] - origin, then passes (1): as time-filter.ts lays out the other layers' values.
    expect(Array.from(set.filter)).toEqual([0, 0, 1, 1, 1, 1, 2, 2, 1]);
    const mask = Uint8Array.of(1, 0, 1);
    expect(Array.from(passValues(set, mask))).toEqual(Array.from(set.row, (r) => mask[r]));
    expect(Array.from(passValues(set, Uint8Array.of(0, 1, 0)))).toEqual(Array.from(set.row, (r) => (r === 1 ? 1 : 0)));
    expect(Array.from(passValues(set, null))).toEqual([1, 1, 1]);
    // Rewritten in place (the layer's own array, one per set): exactly 1.0 and 0.0 each time.
    const into = new Float32Array(3).fill(7);
    expect(passValues(set, mask, into)).toBe(into);
    expect(Array.from(into)).toEqual(Array.from(set.row, (r) => mask[r]));
    expect(Array.from(passValues(set, Uint8Array.of(0, 0, 0), into))).toEqual([0, 0, 0]);
    expect(Array.from(passValues(set, null, into))).toEqual([1, 1, 1]);
    expect(passValues(set, mask, new Float32Array(2))).toHaveLength(3); // not this set's length: a new array
  });
});

describe('WindowedPointsLayer: a window change', () => {
  const ds = strikes(Array.from({ length: 400 }, (_, i) => [Math.floor(i / 4), 0] as [number, number]));
  const set = setOf(ds);
  // Stand-ins for the GPU buffers the layer uploads once per set.
  const gpu = {
    set,
    positions: { id: 'positions' },
    radius: { id: 'radius' },
    colors: { id: 'colors' },
    filter: { id: 'filter' },
    mask: null,
    upload: { done: () => true },
  };

  function subLayer(range: [number, number]): Layer {
    return subLayers([range[0], range[1], set.n, set.n])[0];
  }
  function subLayers(range: MarkRange): Layer[] {
    const props: Partial<WindowedPointsProps> & { id: string } = {
      id: 'strikes',
      set,
      range,
      filterRange: [
        [-1e6, 1e6],
        [0, 1e6],
        [0.5, 1.5],
      ],
      mask: null,
      style: { radiusUnits: 'pixels' },
      perMarkColor: true,
      itemAt: null,
    };
    const layer = new WindowedPointsLayer(props);
    // deck.gl hands the state from one layer instance to the next; here it is one shared object.
    (layer as unknown as { state: unknown }).state = state;
    return layer.renderLayers();
  }
  const state = { gpu, data: [] as unknown[] };

  it('draws nothing while a big set’s buffers are still being written, a slice a frame', () => {
    const writing = { ...gpu, upload: { done: () => false } };
    const layer = new WindowedPointsLayer({ id: 'strikes', set, range: [0, 10, set.n, set.n] });
    (layer as unknown as { state: unknown }).state = { gpu: writing, data: [] };
    expect(layer.renderLayers()).toEqual([]);
  });

  it('hands the drawn layer the same buffers at new byte offsets, with every per-mark accessor given as a buffer', () => {
    const a = subLayer([10, 50]);
    const b = subLayer([40, 90]);
    const da = a.props.data as { length: number; attributes: Record<string, { buffer: unknown; offset: number }> };
    const db = b.props.data as typeof da;
    expect([da.length, db.length]).toEqual([40, 50]);
    for (const name of ['getPosition', 'getRadius', 'getFillColor', 'getFilterValue']) {
      expect(db.attributes[name].buffer, name).toBe(da.attributes[name].buffer);
    }
    expect([da.attributes.getPosition.offset, db.attributes.getPosition.offset]).toEqual([80, 320]);
    expect(subLayer([40, 90]).props.data).toBe(b.props.data); // same window: the very same data object
  });

  it('draws with the points’ own program: no DataFilterExtension, the window as its filterRange, the style as is', () => {
    const a = subLayer([10, 50]);
    expect(a).toBeInstanceOf(PointProgramLayer);
    expect(a.props.extensions).toEqual([]);
    expect((a.props as unknown as { filterRange: unknown }).filterRange).toEqual([
      [-1e6, 1e6],
      [0, 1e6],
      [0.5, 1.5],
    ]);
    expect((a.props as unknown as { radiusUnits: string }).radiusUnits).toBe('pixels');
  });

  it('draws ranged marks with a second sub-layer over the same buffers', () => {
    const ranged = setOf(
      strikes([
        [0, 0],
        [1, 3],
        [2, 0],
        [3, 5],
      ]),
    );
    const saved = state.gpu;
    state.gpu = { ...gpu, set: ranged };
    state.data = [];
    const props = {
      id: 'strikes',
      set: ranged,
      range: [0, 2, 2, 4] as MarkRange,
      filterRange: [
        [-1e6, 1e6],
        [0, 1e6],
        [0.5, 1.5],
      ] as WindowedPointsProps['filterRange'],
      mask: null,
      style: {},
      perMarkColor: true,
      itemAt: null,
    };
    const layer = new WindowedPointsLayer(props);
    (layer as unknown as { state: unknown }).state = state;
    const [single, multi] = layer.renderLayers();
    expect([single.id, multi.id]).toEqual(['strikes-points', 'strikes-ranged']);
    const data = (l: Layer) =>
      l.props.data as { length: number; attributes: Record<string, { buffer: unknown; offset: number }> };
    expect([data(single).length, data(multi).length]).toEqual([2, 2]);
    expect(data(multi).attributes.getPosition.offset).toBe(2 * 8);
    expect(data(multi).attributes.getPosition.buffer).toBe(data(single).attributes.getPosition.buffer);
    state.gpu = saved;
    state.data = [];
  });

  it('makes deck.gl’s AttributeManager bind the external buffers without calling an accessor or writing a buffer', () => {
    const device = { type: 'webgl' } as unknown as Device; // never asked to create or write anything
    const am = new AttributeManager(device, { id: 'test' });
    let calls = 0;
    const spy = (): number[] => {
      calls++;
      return [0, 0, 0, 0];
    };
    am.addInstanced({
      instancePositions: { size: 3, type: 'float64', fp64: true, accessor: 'getPosition' },
      instanceRadius: { size: 1, accessor: 'getRadius', defaultValue: 1 },
      instanceFillColors: { size: 4, type: 'unorm8', accessor: 'getFillColor', defaultValue: [0, 0, 0, 255] },
      ...FILTER_ATTRIBUTE,
    });
    for (const range of [
      [0, 100],
      [100, 220],
      [37, 60],
    ] as [number, number][]) {
      const data = subLayer(range).props.data as {
        length: number;
        attributes: Record<string, { buffer: object; offset: number }>;
      };
      am.invalidateAll(); // what a new `data` object does
      am.update({
        data,
        numInstances: data.length,
        transitions: null,
        props: { getPosition: spy, getRadius: spy, getFillColor: spy, getFilterValue: spy },
        buffers: data.attributes,
        context: {},
      });
      const pos = am.getAttributes().instancePositions;
      expect(pos.getBuffer()).toBe(gpu.positions);
      expect(pos.getAccessor().offset).toBe(range[0] * 8);
      expect(am.getAttributes().instanceFilterValues.getAccessor().offset).toBe(range[0] * 12);
      // The layouts the GPU reads with: 2 float32 (8 bytes) per position, 4 bytes per colour.
      const layouts = Object.fromEntries(am.getBufferLayouts().map((l) => [l.name, l]));
      expect(layouts.instancePositions.byteStride).toBe(8);
      expect(layouts.instancePositions.attributes?.[0]).toMatchObject({
        format: 'float32x2',
        byteOffset: range[0] * 8,
      });
      expect(layouts.instanceFillColors.byteStride).toBe(4);
      expect(layouts.instanceRadius.byteStride).toBe(4);
      expect(layouts.instanceFilterValues.byteStride).toBe(12);
    }
    expect(calls).toBe(0);
  });
});

describe('WindowedPointsLayer: a filter change (a search keystroke)', () => {
  const ds = strikes(Array.from({ length: 50 }, (_, i) => [i % 7, 0] as [number, number]));
  const set = setOf(ds);

  /** A stand-in GPU device that records every buffer made and every write. */
  function fakeDevice() {
    const log: string[] = [];
    const writes: { id: number; bytes: number; values: number[] }[] = [];
    let made = 0;
    const device = {
      createBuffer: ({ data }: { data: ArrayLike<number> }) => {
        const id = ++made;
        log.push(`create#${id}:${data.length}`);
        return {
          id,
          write: (d: ArrayBufferView & ArrayLike<number>) => {
            log.push(`write#${id}:${d.length}`);
            writes.push({ id, bytes: d.byteLength, values: Array.from(d) });
          },
          destroy: () => log.push(`destroy#${id}`),
        };
      },
    };
    return { device, log, writes };
  }

  it('writes only the pass buffer, a value a mark, once: no position, radius, colour or filter buffer is made or written again', () => {
    const { device, log, writes } = fakeDevice();
    const state: { state: unknown } = { state: null };
    const update = (mask: Uint8Array | null): void => {
      const props = {
        id: 'strikes',
        set,
        range: [0, set.instantCount, set.n, set.n] as MarkRange,
        filterRange: [
          [-1e6, 1e6],
          [0, 1e6],
          [0.5, 1.5],
        ] as WindowedPointsProps['filterRange'],
        mask,
        style: {},
        perMarkColor: true,
        itemAt: null,
        radiusScale: 1,
      };
      const layer = new WindowedPointsLayer(props) as unknown as Omit<WindowedPointsLayer, 'state' | 'context'> & {
        state: unknown;
        context: unknown;
        props: WindowedPointsProps;
      };
      layer.context = { device };
      if (state.state) layer.state = state.state;
      else {
        layer.state = {};
        layer.initializeState();
      }
      layer.updateState({ props: layer.props, oldProps: {}, context: layer.context, changeFlags: {} } as never);
      state.state = layer.state;
    };
    update(null);
    // First: the five buffers of the set (positions, radius, colours, filter values, passes).
    expect(log).toEqual([
      `create#1:${set.n * 2}`,
      `create#2:${set.n}`,
      `create#3:${set.n * 4}`,
      `create#4:${set.n * 3}`,
      `create#5:${set.n}`,
    ]);
    log.length = 0;
    const m1 = new Uint8Array(ds.columns.n).map((_, r) => r % 2);
    update(m1);
    expect(log).toEqual([`write#5:${set.n}`]);
    expect(writes.at(-1)).toEqual({ id: 5, bytes: set.n * 4, values: Array.from(set.row, (r) => m1[r]) });
    log.length = 0;
    update(m1); // the same mask (a frame, the window moving): nothing at all
    expect(log).toEqual([]);
    update(null); // cleared: every mark passes again, nothing else written
    expect(log).toEqual([`write#5:${set.n}`]);
    expect(writes.at(-1)?.values.every((v) => v === 1)).toBe(true);
  });
});
