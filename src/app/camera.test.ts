// Tests for the camera seam: the slot keeps the view asked for until a map attaches, then the map is the one source.
import { describe, expect, it, vi } from 'vitest';
import { CameraSlot, type Camera, type MoveOptions, type View } from './camera';
import { createAtlasStore, hashStateOf } from './store';

/** A map's camera as MapView is one: it moves when asked, and says so. */
function fakeMap(at: View): Camera & { drag(to: View): void; moves: [View, MoveOptions | undefined][] } {
  let view = at;
  const listeners = new Set<() => void>();
  const moves: [View, MoveOptions | undefined][] = [];
  const say = (): void => {
    for (const l of listeners) l();
  };
  return {
    moves,
    view: () => view,
    moveTo(v, opts) {
      moves.push([v, opts]);
      view = v;
      say();
    },
    flyToFeature: vi.fn(),
    onMove(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    drag(to) {
      view = to;
      say();
    },
  };
}

describe('camera slot', () => {
  it('keeps the view asked for before a map exists, and tells its listeners', () => {
    const slot = new CameraSlot({ lat: 1, lon: 2, zoom: 3 });
    const heard = vi.fn();
    slot.onMove(heard);
    slot.moveTo({ lat: 50, lon: 36, zoom: 6 }, { animate: true });
    expect(slot.view()).toEqual({ lat: 50, lon: 36, zoom: 6 });
    expect(heard).toHaveBeenCalledTimes(1);
    slot.flyToFeature('strike-a'); // nowhere to fly: nothing happens, nothing throws
    expect(slot.attached).toBe(false);
  });

  it('once a map is attached, reads the view from it and sends every move to it', () => {
    const slot = new CameraSlot();
    const heard = vi.fn();
    slot.onMove(heard);
    const map = fakeMap({ lat: 49, lon: 32, zoom: 4.6 });
    slot.attach(map);
    map.drag({ lat: 48, lon: 30, zoom: 5 }); // the person drags the map
    expect(slot.view()).toEqual({ lat: 48, lon: 30, zoom: 5 });
    expect(heard).toHaveBeenCalledTimes(1);
    slot.moveTo({ lat: 47, lon: 33.6, zoom: 7 }, { animate: true });
    expect(map.moves).toEqual([[{ lat: 47, lon: 33.6, zoom: 7 }, { animate: true }]]);
    slot.flyToFeature('strike-a');
    expect(map.flyToFeature).toHaveBeenCalledWith('strike-a');
    slot.attach(null); // the map taken down: its last view is the request again, and its moves are no longer heard
    map.drag({ lat: 0, lon: 0, zoom: 1 });
    expect(slot.view()).toEqual({ lat: 47, lon: 33.6, zoom: 7 });
  });

  it('is the store’s, and a link carries the view read from it', () => {
    const store = createAtlasStore();
    const map = fakeMap({ lat: 45.5, lon: 30.7, zoom: 8 });
    store.getState().camera.attach(map);
    expect(hashStateOf(store.getState()).view).toEqual({ lat: 45.5, lon: 30.7, zoom: 8 });
    expect(Object.keys(store.getState())).not.toContain('view'); // no copy of the camera in the store
  });
});
