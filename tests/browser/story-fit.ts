// A story step's fitted view checked in the page: its bounds shown whole beside or above the card, as close as fits.
import type { Page } from 'playwright-core';
import type { Bounds } from '../../src/ui/story/step-view';
import { eventually, getState, project } from './harness';

/**
 * A step's `fit` bounds shown whole in the part of the map the story card leaves free, and as close
 * as fits: their corners inside the map and off the card, spanning at least 90% of the free width
 * or height, at no more than the step's zoom.
 */
export async function expectFitted(page: Page, fit: Bounds, maxZoom: number, what: string): Promise<void> {
  await eventually(async () => {
    const [w, s, e, n] = fit;
    const [x0, y0] = await project(page, w, n);
    const [x1, y1] = await project(page, e, s);
    const r = await page.evaluate(() => {
      const rect = (el: Element | null) => {
        const b = el?.getBoundingClientRect();
        return b ? { left: b.left, top: b.top, right: b.right, bottom: b.bottom } : null;
      };
      return { map: rect(document.querySelector('#map')), bar: rect(document.querySelector('.story-bar')) };
    });
    const { map, bar } = r;
    if (!map || !bar) return `no map or card: ${JSON.stringify(r)}`;
    // Free: right of the card, or above it (whichever the corners are in).
    const freeLeft = x0 >= bar.right ? bar.right : map.left;
    const freeBottom = x0 >= bar.right ? map.bottom : bar.top;
    const inside = x0 >= freeLeft && x1 <= map.right && y0 >= map.top && y1 <= freeBottom;
    // The fit keeps 24 px clear round the bounds and the card 8 px clear of the map it leaves.
    const fill = Math.max((x1 - x0) / (map.right - freeLeft - 56), (y1 - y0) / (freeBottom - map.top - 56));
    const zoom = (await getState(page)).view.zoom;
    return inside && fill >= 0.9 && zoom <= maxZoom + 0.01
      ? 'fitted'
      : `${what}: corners ${[x0, y0, x1, y1].map(Math.round)} in map ${JSON.stringify(map)} card ${JSON.stringify(bar)}, fill ${fill.toFixed(2)}, zoom ${zoom}`;
  }).toBe('fitted');
}
