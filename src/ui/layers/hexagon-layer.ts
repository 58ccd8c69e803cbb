// The density hexagons as a DataMesh (six corners, four triangles a cell), drawn by the areas' mesh program.
import { DataMeshLayer } from './data-mesh-layer';
import type { DataMesh } from './data-mesh';
import { PASS_RANGE, type FilterRange } from './time-filter';
import { latOf, lonOf, worldX, worldY } from '../../core/geo/hex-grid';

/** A coverage under 1 leaves a hairline of map between cells. */
const HEX_COVERAGE = 0.93;
/** Every cell passes: filter values (0, 0, 1) against these ranges (the cells are the window's already). */
const HEX_RANGE: FilterRange = [[-1, 1], [-1, 1], PASS_RANGE];
const CORNERS = Array.from({ length: 6 }, (_, i) => [Math.cos((Math.PI / 3) * i), Math.sin((Math.PI / 3) * i)]);
/** The fan of a hexagon's corners 0–5. */
const FAN = [0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 4, 5];

/** The cells of a density frame: `n` centres [lon, lat], the circumradius `R` in world units (hex-grid.ts), RGBA 0–255 each. */
export interface HexagonCells {
  n: number;
  centres: Float32Array;
  R: number;
  colors: Uint8Array;
}

export interface HexagonMesh {
  mesh: DataMesh;
  filter: Float32Array;
}

/**
 * The cells as one mesh: each a flat hexagon (corners at 0°, 60°, … as the grid's, shrunk to
 * HEX_COVERAGE about its centre), `pick` the cell's index in the frame. Drawn by DataMeshLayer,
 * the program and vertex layout every area, region, link and name already uses, not ColumnLayer:
 * in software WebGL ColumnLayer's first draw, in a big import's first frame, cost 0.4–0.9 s of
 * compiling (docs/performance-history.md, "The frame after an update, bisected"); a mesh is built in well under a
 * millisecond for a frame's few hundred cells.
 */
export function hexagonMesh(cells: HexagonCells): HexagonMesh {
  const { n, centres, R, colors } = cells;
  const v = 6 * n;
  const positions = new Float32Array(3 * v);
  const col = new Uint8Array(4 * v);
  const pick = new Float32Array(v);
  const indices = new Uint32Array(12 * n);
  const r = R * HEX_COVERAGE;
  for (let j = 0; j < n; j++) {
    const x = worldX(centres[2 * j]);
    const y = worldY(centres[2 * j + 1]);
    for (let k = 0; k < 6; k++) {
      const o = 6 * j + k;
      positions[3 * o] = lonOf(x + r * CORNERS[k][0]);
      positions[3 * o + 1] = latOf(y + r * CORNERS[k][1]);
      col.set(colors.subarray(4 * j, 4 * j + 4), 4 * o);
      pick[o] = j;
    }
    for (let t = 0; t < 12; t++) indices[12 * j + t] = 6 * j + FAN[t];
  }
  const filter = new Float32Array(3 * v);
  for (let o = 0; o < v; o++) filter[3 * o + 2] = 1;
  return {
    mesh: {
      positions,
      offsets: new Float32Array(2 * v),
      colors: col,
      dist: new Float32Array(v).fill(-1),
      pick,
      uvs: new Float32Array(2 * v),
      indices,
      vertices: v,
    },
    filter,
  };
}

/** The frame's hexagons, picked by cell index (AtlasDataLayer's getPickingInfo describes the cell). */
export function hexagonLayer(id: string, hex: HexagonMesh): DataMeshLayer {
  return new DataMeshLayer({
    id,
    mesh: hex.mesh,
    filter: hex.filter,
    filterRange: HEX_RANGE,
    data: [],
    pickable: true,
    // The hexagon under the pointer, in the selection's yellow (its count and categories are in the tooltip).
    autoHighlight: true,
    highlightColor: [255, 200, 0, 200],
  });
}
