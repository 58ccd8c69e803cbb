// What the app should show for a hash, worked out in Node with the app's own pure code on the data on disk.
import type { Page } from 'playwright-core';
import { buildDataset, type Dataset } from '../../src/core/columnar/dataset';
import { createAtlasStore } from '../../src/app/store';
import { visibleItems } from '../../src/app/derived';
import { parseHash } from '../../src/app/url-hash';
import { allFeatures } from './atlas-data';

let dataset: Dataset | null = null;

/** The bundled dataset as the app builds it (every data/*.geojson, links included). */
export function bundledDataset(): Dataset {
  dataset ??= buildDataset(allFeatures());
  return dataset;
}

/** The ids the event list should hold for a hash (window, layers, filters), in list order. */
export function expectedList(hash: string): string[] {
  const store = createAtlasStore();
  store.getState().setDataset(bundledDataset());
  store.getState().applyHash(parseHash(hash).state);
  return visibleItems(store.getState()).map((it) => it.id);
}

/**
 * The list as a screen reader meets it: its size (aria-setsize, 0 when empty) and, for each drawn
 * row, its id placed at its position (aria-posinset); rows not drawn are ''.
 */
export async function listModel(page: Page): Promise<string[]> {
  return page.$$eval('#event-list li[data-feature-id]', (items) => {
    const size = Number(items[0]?.getAttribute('aria-setsize') ?? 0);
    const out: string[] = new Array<string>(size).fill('');
    for (const li of items)
      out[Number(li.getAttribute('aria-posinset')) - 1] = li.getAttribute('data-feature-id') ?? '';
    return out;
  });
}

/** `want` with only the positions drawn in `model` kept, for comparing with listModel. */
export function drawnOf(want: readonly string[], model: readonly string[]): string[] {
  return want.map((id, i) => (model[i] ? id : ''));
}

/** The first number #event-count announces ("3 events in window, filtered from 14" → 3). */
export async function announcedCount(page: Page): Promise<number> {
  const text = (await page.locator('#event-count').textContent()) ?? '';
  const match = /\d+/.exec(text.replace(/,/g, ''));
  if (!match) throw new Error(`#event-count says "${text}", which has no count`);
  return Number(match[0]);
}

/**
 * True when `id` is drawn (pickable) anywhere in the box around two map points, widened by `bow`
 * times their distance on every side: where an arc between them may bow.
 */
export async function drawnBetween(
  page: Page,
  id: string,
  a: [number, number],
  b: [number, number],
  bow = 0.4,
): Promise<boolean> {
  return page.evaluate(
    ({ id: want, a: [ax, ay], b: [bx, by], bow: k }) => {
      const atlas = (
        window as unknown as { __atlas: { pickRect(x: number, y: number, w: number, h: number): string[] } }
      ).__atlas;
      const m = k * Math.hypot(bx - ax, by - ay);
      const x = Math.min(ax, bx) - m;
      const y = Math.min(ay, by) - m;
      return atlas.pickRect(x, y, Math.abs(bx - ax) + 2 * m, Math.abs(by - ay) + 2 * m).includes(want);
    },
    { id, a, b, bow },
  );
}
