// Tests that every kind of picked object leads back to its feature id and a plain-text tooltip.
import { describe, expect, it } from 'vitest';
import type { PickingInfo } from '@deck.gl/core';
import { pickedId, tooltipFor } from './picking';
import { buildDataset } from '../../core/columnar/dataset';
import { SAMPLE } from '../../../tests/support/features';
import { itemById } from '../../../tests/support/dataset-rows';

const info = (object: unknown): PickingInfo => ({ object }) as PickingInfo;

describe('picking', () => {
  const ds = buildDataset(SAMPLE);
  const item = itemById(ds, 'strike-b');
  it('reads marks, items and GeoJSON features', () => {
    expect(pickedId(info({ item, position: item.anchor }))).toBe('strike-b');
    expect(pickedId(info(item))).toBe('strike-b');
    expect(pickedId(info(itemById(ds, 'deployment-y').feature))).toBe('deployment-y');
    expect(pickedId(info(null))).toBeNull();
    expect(pickedId(info({ something: 'else' }))).toBeNull();
  });
  it('gives text, never HTML', () => {
    expect(tooltipFor(info({ item, position: item.anchor }))).toEqual({ text: 'Title strike-b\n25 Nov 2024' });
    expect(tooltipFor(info(undefined))).toBeNull();
  });
});
