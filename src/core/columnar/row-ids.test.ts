// Row ids: unpacked columns read each id from the packet's strings as it is asked for, in row order, and the id lookup probes them.
import { describe, expect, it } from 'vitest';
import { buildColumns } from './columns';
import { packColumns, unpackColumns } from './columns-packet';
import { ArrayIds, TableIds } from './row-ids';
import { SAMPLE } from '../../../tests/support/features';

const LAYER_KEYS = ['strikes', 'facilities', 'deployments', 'links'];

describe('row ids', () => {
  it('unpacked columns keep the ids in the packet’s strings and give each row’s id as asked', () => {
    const built = buildColumns(SAMPLE, LAYER_KEYS);
    expect(built.ids).toBeInstanceOf(ArrayIds);
    for (const utf8 of [false, true]) {
      const c = unpackColumns(packColumns(built, { utf8 }).packet);
      expect(c.ids).toBeInstanceOf(TableIds);
      expect(c.ids.length).toBe(SAMPLE.length);
      expect([...c.ids]).toEqual([...built.ids]);
      for (let r = 0; r < c.n; r++) {
        expect(c.ids.get(r)).toBe(built.ids.get(r));
        expect(c.rowOfId.get(c.ids.get(r))).toBe(r);
      }
      expect(c.rowOfId.get('no-such-id')).toBeUndefined();
      // The property store's `id` is the row's id too.
      expect(c.props.get(0, 'id')).toBe(c.ids.get(0));
    }
  });
});
