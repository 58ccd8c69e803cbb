// Rows the columns are built from, whatever holds them: day columns and ids up front, each row's feature on demand.
import type { AtlasFeature } from '../schema/schema';

/**
 * `start`/`end` are day numbers by input row (TIMELESS_DAY and OPEN_DAY as in EventColumns);
 * `feature(i)` may build the feature for that call only (from a property store), so that no
 * object per row need be kept.
 */
export interface RowSource {
  n: number;
  start: Int32Array;
  end: Int32Array;
  id(i: number): string;
  feature(i: number): AtlasFeature;
}
