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
