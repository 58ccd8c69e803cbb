// What deck.gl picking returns, turned into feature ids and plain-text tooltips.
import type { PickingInfo } from '@deck.gl/core';
import type { Item } from '../../core/columnar/dataset';
import type { AtlasFeature } from '../../core/schema/schema';
import { describeDates } from '../controls/format';
import { isHexPick } from '../layers/atlas-layer';
import { describeCell } from './hex-pick';

/** Picked objects are marks (point layers), dataset items (labels) or GeoJSON features (area layers). */
function featureOf(object: unknown): AtlasFeature | null {
  if (!object || typeof object !== 'object') return null;
  if ('item' in object && 'position' in object) return (object as { item: Item }).item.feature;
  if ('feature' in object && 'anchor' in object) return (object as Item).feature;
  if ('properties' in object && 'geometry' in object) return object as AtlasFeature;
  return null;
}

export function pickedId(info: PickingInfo): string | null {
  return featureOf(info.object)?.properties.id ?? null;
}

/** deck.gl sets `text` with innerText, never as HTML. */
export function tooltipFor(info: PickingInfo): { text: string } | null {
  if (isHexPick(info.object)) return { text: `${describeCell(info.object)}\nClick to list them.` };
  const f = featureOf(info.object);
  if (!f) return null;
  const p = f.properties;
  return { text: `${p.title}\n${describeDates(p)}` };
}

/** What both map views pick through: a standalone Deck or the MapLibre overlay. */
export interface Picker {
  pickObject(o: { x: number; y: number; radius?: number }): PickingInfo | null;
  pickObjects(o: { x: number; y: number; width: number; height: number }): PickingInfo[];
}

/** The feature id drawn at viewport CSS pixels (x, y) of a map in `container`, or null. */
export function pickAt(picker: Picker, container: HTMLElement, x: number, y: number): string | null {
  const r = container.getBoundingClientRect();
  const info = picker.pickObject({ x: x - r.left, y: y - r.top, radius: 3 });
  return info ? pickedId(info) : null;
}

/** Ids of every pickable feature drawn in a viewport CSS-pixel rectangle of a map in `container` (one read-back). */
export function pickIn(
  picker: Picker,
  container: HTMLElement,
  x: number,
  y: number,
  width: number,
  height: number,
): string[] {
  const r = container.getBoundingClientRect();
  const left = Math.max(0, x - r.left);
  const top = Math.max(0, y - r.top);
  const w = Math.min(r.width, x - r.left + width) - left;
  const h = Math.min(r.height, y - r.top + height) - top;
  if (w <= 0 || h <= 0) return [];
  const infos = picker.pickObjects({ x: left, y: top, width: w, height: h });
  return [...new Set(infos.map(pickedId).filter((id): id is string => id !== null))];
}
