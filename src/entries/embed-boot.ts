// The embed page's entry: shows the picture of the view at once, then loads the live map (or, with picture=1, only the list).
import '../ui/styles/app.css';
import '../ui/styles/embed.css';
import manifest from '../../public/posters/manifest.json';
import { parseFlags, resolveTheme } from '../ui/embed/flags';
import { mountPoster } from '../ui/embed/poster';
import type { PosterManifest } from '../ui/embed/poster-manifest';
import { earlyData } from '../ui/embed/early-data';

/**
 * This chunk is small (flags, the poster manifest, the poster's markup) so the picture is in the
 * page before MapLibre and deck.gl have even downloaded. The live map (src/entries/embed.ts) hides it once
 * it has drawn; picture=1 never loads the map's code at all (src/entries/picture-page.ts).
 */
const { flags } = parseFlags(location.search);
const box = document.querySelector<HTMLElement>('.embed-mapbox');
// The pictures are drawn in the light palette: a dark embed would flash a light map, so it waits
// for the live map instead (picture=1 always shows its picture).
const dark = resolveTheme(flags.theme, window.matchMedia('(prefers-color-scheme: dark)').matches) === 'dark';
if (box && (flags.picture || !dark)) {
  const poster = mountPoster(box, manifest as unknown as PosterManifest, location.hash, flags);
  if (poster.img) document.getElementById('embed-root')?.classList.add('embed-has-poster');
}
// No slider (controls=0, picture=1): its reserved place goes at once rather than when the code arrives.
const time = document.getElementById('time');
if (time && (!flags.controls || flags.picture)) time.hidden = true;
if (flags.picture) void import('./picture-page');
else {
  // The data and the base map download while the map's code does (src/entries/embed.ts awaits the same promise).
  earlyData().catch(() => undefined); // a failure is reported by src/entries/embed.ts, which awaits it too
  void import('./embed');
}
