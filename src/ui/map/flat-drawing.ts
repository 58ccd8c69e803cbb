// The drawing parameters of every deck.gl instance of the atlas: a flat map drawn in layer order, with no depth test.
import type { Parameters } from '@luma.gl/core';

/**
 * deck.gl tests depth by default (LEQUAL). Every layer of the atlas is flat except the link arcs,
 * which rise above the ground in deck's perspective camera: with the depth test, an arc hid the
 * names, rings and labels drawn after it (in layer order, "on top") wherever it passed over
 * them, cutting letters out of "Hamhung" and "Moscow" at story step 3. Layer order alone decides.
 */
export const FLAT_DRAWING: Parameters = { depthCompare: 'always', depthWriteEnabled: false };
