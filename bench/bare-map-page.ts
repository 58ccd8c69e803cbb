// Benchmark baseline: MapLibre alone with the app's offline base map (same data, style and view), no deck.gl, no events.
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { loadBasemap } from '../src/ui/map/basemap-data';
import { basemapStyle } from '../src/ui/map/basemap-style';
import { INITIAL_VIEW } from '../src/core/config';

setWorkerUrl(workerUrl);

// The page is bench/bare-map.html; the base map is served at the site's root (public/basemap/).
const basemap = await loadBasemap(fetch, new URL('../', document.baseURI).href);
const map = new MapLibreMap({
  container: 'map',
  style: basemapStyle(basemap),
  center: [INITIAL_VIEW.lon, INITIAL_VIEW.lat],
  zoom: INITIAL_VIEW.zoom,
  attributionControl: false,
  renderWorldCopies: false,
});
map.once('idle', () => {
  document.documentElement.dataset.atlasReady = '1';
});
