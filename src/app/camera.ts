// The camera seam: what the app asks of the map (move, fly to a feature, read the view) without importing ui; the map owns the camera.
import { INITIAL_VIEW } from '../core/config';

export interface View {
  lat: number;
  lon: number;
  zoom: number;
}

/** Pixels of the map covered on each side (e.g. by the story bar): a view is centred in what is left. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** How `moveTo` moves the map. */
export interface MoveOptions {
  /** Fly there (never under prefers-reduced-motion) rather than jump. */
  animate?: boolean;
  /** Centre the view in the map less this padding; left out = keep the map's current padding. */
  padding?: Padding;
}

/**
 * The map's camera as the rest of the app sees it (MapView implements it). As in maplibre's
 * `hash.ts`, the map is the source of truth: callers ask it to move and read the view back;
 * nothing copies the view into the store and back.
 */
export interface Camera {
  /** The view shown now, or the one being moved to (as a link writes it). */
  view(): View;
  /** Moves to a view: flies there when `animate`, else jumps. */
  moveTo(view: View, opts?: MoveOptions): void;
  /** Flies to a feature of the data (a link: frames both ends); nothing for one that is not placed. */
  flyToFeature(id: string): void;
  /** Calls `listener` whenever `view()` changes (a move asked for, or the map settling after one). */
  onMove(listener: () => void): () => void;
}

/**
 * The camera the store holds from the start: before a map is attached (it loads after the panels,
 * and never where WebGL is missing) it keeps the view asked for (a link's `view=`, a story step's)
 * as a request, which the map starts from; once attached, every call goes to the map.
 */
export class CameraSlot implements Camera {
  private requested: View;
  private map: Camera | null = null;
  private unlisten: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(initial: View = INITIAL_VIEW) {
    this.requested = { ...initial };
  }

  /** Hands the camera to a map (or back to the slot, with null: the map's last view stays the request). */
  attach(map: Camera | null): void {
    if (this.map) this.requested = this.map.view();
    this.unlisten?.();
    this.unlisten = null;
    this.map = map;
    if (map) this.unlisten = map.onMove(this.notify);
  }

  /** Whether a map holds the camera now. */
  get attached(): boolean {
    return this.map !== null;
  }

  view(): View {
    return this.map ? this.map.view() : this.requested;
  }

  moveTo(view: View, opts?: MoveOptions): void {
    if (this.map) {
      this.map.moveTo(view, opts);
      return;
    }
    this.requested = { lat: view.lat, lon: view.lon, zoom: view.zoom };
    this.notify();
  }

  flyToFeature(id: string): void {
    this.map?.flyToFeature(id); // without a map there is nowhere to fly
  }

  onMove(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private readonly notify = (): void => {
    for (const l of [...this.listeners]) l();
  };
}
