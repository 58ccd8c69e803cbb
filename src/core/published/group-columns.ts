// Decoded Parquet row groups → the app's columns, column by column: no feature or properties object per row (the reader worker's path).
import { ArrayIds } from '../columnar/row-ids';
import type { Geometry } from 'geojson';
import { type EventColumns, isPlainPointGeometry, KINDS, OPEN_DAY, rowsByLayer } from '../columnar/columns';
import { anchorOf } from '../columnar/feature-keys';
import { IdIndex } from '../columnar/id-index';
import { PropertyStoreBuilder } from '../columnar/property-store-builder';
import { type AtlasFeature, type AtlasProperties, WEAPONS, type Weapon } from '../schema/schema';
import { formatIsoDay } from '../time/days';
import { groupRows } from './group-rows';
import { blockCodes, dayCodes, indexCodes } from './group-codes';
import { blockSearchIndex } from './block-search';
import { dayIdOrder } from './row-order';
import type { DecodedGroup } from './reader-protocol';
import { NUMBER_COLUMNS, TEXT_COLUMNS } from './row-codec';

type Layers = { layers: readonly { key: string; kind: AtlasFeature['properties']['layer'] }[] };

const WEAPON_CODE = new Map(WEAPONS.map((w, i) => [w, i]));
const UNKNOWN_WEAPON = WEAPONS.indexOf('unknown');
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));
const NOT_STORED = new Set(['type', 'geometry', 'properties']);

/**
 * The columns buildColumnsFrom(groupRows(m, groups), layerKeys) builds — the same arrays, the same
 * property store (keys in the same first-seen order, the same dictionaries), the same search text —
 * made a column at a time from the decoded columns:
 *
 *   sort:   (start, id) order over all groups' rows      → sorted row r = (group gk[r], row gj[r])
 *   gather: each Parquet column in that order             (typed arrays for numbers)
 *   props:  per key, its values by row → PropertyStoreBuilder.addColumn (a Map lookup a row at most)
 *   search: title/place/summary folded once per distinct text
 *
 * Only `extra` (other properties, JSON) and `geometry` (not a plain Point) are parsed by row, where
 * not NULL. The feature path (group-rows.ts) stays as the reference the tests compare with, and
 * gives the properties of the few rows the key order is read from.
 */
export function columnsOfGroups(
  m: Layers,
  groups: readonly DecodedGroup[],
  layerKeys: readonly string[],
): EventColumns {
  const source = groupRows(m, groups);
  const { n } = source;
  // The ids in one flat array first: the sort compares ids within each day (a day's rows are in
  // space-filling-curve order in the files), through a closure that reads them straight from it.
  const sourceIds = new Array<string>(n);
  for (let i = 0; i < n; i++) sourceIds[i] = source.id(i);
  const order = dayIdOrder(source.start, sourceIds);
  const gk = new Uint32Array(n);
  const gj = new Uint32Array(n);
  {
    const firstOf = new Uint32Array(groups.length);
    for (let k = 1; k < groups.length; k++) firstOf[k] = firstOf[k - 1] + groups[k - 1].rows;
    // The source's row i is (group of i, i - first row of that group): rows are numbered group by group.
    let k = 0;
    const groupAt = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      while (k + 1 < groups.length && i >= firstOf[k + 1]) k++;
      groupAt[i] = k;
    }
    for (let r = 0; r < n; r++) {
      const i = order[r];
      gk[r] = groupAt[i];
      gj[r] = i - firstOf[groupAt[i]];
    }
  }
  const numbers = (name: string): Float64Array => {
    const out = new Float64Array(n).fill(NaN);
    const cols = groups.map((g) => g.columns[name] as Float64Array | undefined);
    for (let r = 0; r < n; r++) {
      const a = cols[gk[r]];
      if (a) out[r] = a[gj[r]];
    }
    return out;
  };
  const texts = (name: string): (string | boolean | null)[] => {
    const out = new Array<string | boolean | null>(n).fill(null);
    const cols = groups.map((g) => g.columns[name] as (string | boolean | null)[] | undefined);
    for (let r = 0; r < n; r++) {
      const a = cols[gk[r]];
      if (a) out[r] = a[gj[r]] ?? null;
    }
    return out;
  };
  const has = (name: string): boolean => groups.some((g) => name in g.columns);

  const ids = new Array<string>(n);
  for (let r = 0; r < n; r++) ids[r] = sourceIds[order[r]];
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    start[r] = source.start[order[r]];
    end[r] = source.end[order[r]];
  }
  // The id lookup as the packet's hash table (packColumns sends it as it is), checked for duplicates as it is built.
  const idList = new ArrayIds(ids);
  const rowOfId = IdIndex.buildUnique(idList);

  // Layers: the manifest's index → the dataset's code, and its kind.
  const layerCode = new Map(layerKeys.map((k, i) => [k, i]));
  const manifestLayer = numbers('layer');
  const layer = new Uint16Array(n);
  const kind = new Uint8Array(n);
  const layerCounts = new Uint32Array(layerKeys.length);
  for (let r = 0; r < n; r++) {
    const l = m.layers[manifestLayer[r]];
    const code = l && layerCode.get(l.key);
    if (code === undefined)
      throw new Error(`feature ${order[r]} (${ids[r]}): layer "${l?.key}" is not one of the dataset's layers`);
    layer[r] = code;
    layerCounts[code]++;
    kind[r] = KIND_CODE.get(l.kind) ?? 0;
  }

  // Other properties (`extra`, JSON) by row, where there are any; its "@members" are the feature's.
  const extras: (Record<string, unknown> | null)[] | null = has('extra') ? new Array(n).fill(null) : null;
  const featureMembers = new Map<number, Record<string, unknown>>();
  const extraKeys: string[] = [];
  if (extras) {
    const seen = new Set<string>();
    const text = texts('extra');
    for (let r = 0; r < n; r++) {
      const t = text[r];
      if (typeof t !== 'string') continue;
      const e = JSON.parse(t) as Record<string, unknown>;
      const members = e['@members'];
      if (members) featureMembers.set(r, members as Record<string, unknown>);
      delete e['@members'];
      extras[r] = e;
      for (const k of Object.keys(e))
        if (!seen.has(k)) {
          seen.add(k);
          extraKeys.push(k);
        }
    }
  }

  // Each key's value by row, as featureOfRow sets it (an `extra` value replaces the column's).
  const isoDays = new Map<number, string>();
  const iso = (d: number): string => {
    let s = isoDays.get(d);
    if (s === undefined) {
      s = formatIsoDay(d);
      isoDays.set(d, s);
    }
    return s;
  };
  const parsed = new Map<string, unknown>();
  const sourcesText = texts('sources');
  const base: Record<string, (r: number) => unknown> = {
    id: (r) => ids[r],
    layer: (r) => m.layers[manifestLayer[r]].kind,
    start: (r) => iso(start[r]),
    end: (r) => (end[r] === OPEN_DAY ? null : iso(end[r])),
    sources: (r) => {
      const t = sourcesText[r];
      if (typeof t !== 'string') return [];
      let v = parsed.get(t);
      if (v === undefined) {
        if (parsed.size > 5000) parsed.clear();
        v = JSON.parse(t) as unknown;
        parsed.set(t, v);
      }
      return v;
    },
    layer_key: (r) => m.layers[manifestLayer[r]].key,
  };
  // Keys whose values are primitives read from one column (no `extra` value in place of any):
  // their codes worked out from each row group's distinct values (group-codes.ts), so the store,
  // the weapons and the search text need no look-up per row.
  const plain = (k: string): boolean => !extraKeys.includes(k);
  const coded = new Map<string, { codes: Uint32Array; size: number }>();
  const cellAt = (name: string): ((r: number) => unknown) => {
    const cols = groups.map((g) => g.columns[name]);
    return (r) => {
      const a = cols[gk[r]];
      return a ? a[gj[r]] : undefined;
    };
  };
  const codeColumn = (k: string, name: string, as: (v: unknown) => unknown, missing: unknown): void => {
    const cell = cellAt(name);
    coded.set(k, blockCodes(groups, name, gk, gj, as, missing));
    base[k] = (r) => {
      const v = cell(r);
      return v === undefined ? missing : as(v);
    };
  };
  for (const k of TEXT_COLUMNS) {
    if (k === 'id') continue;
    const as = k === 'title' || k === 'summary' ? (v: unknown) => v ?? '' : (v: unknown) => v ?? undefined;
    codeColumn(k, k, as, as(null));
  }
  // As numbers(): NULL (NaN) → no value; a column not decoded as numbers coerced as a Float64Array would.
  const asNumber = (v: unknown): number | undefined => {
    const x = Number(v);
    return Number.isNaN(x) ? undefined : x;
  };
  for (const k of NUMBER_COLUMNS) if (has(k)) codeColumn(k, k, asNumber, undefined);
  // The layer's kind and key, and the days as text: codes from the layer index and day numbers.
  coded.set(
    'layer',
    indexCodes(manifestLayer, m.layers, (l) => l.kind),
  );
  coded.set(
    'layer_key',
    indexCodes(manifestLayer, m.layers, (l) => l.key),
  );
  for (const [k, c] of [
    ['start', dayCodes(start, null)],
    ['end', dayCodes(end, OPEN_DAY)],
  ] as const)
    if (c) coded.set(k, c);
  for (const k of [...coded.keys()]) if (!plain(k)) coded.delete(k);
  const valueByRow = (key: string): ((r: number) => unknown) => {
    const col = base[key] ?? (() => undefined);
    if (!extras || !extraKeys.includes(key)) return col;
    return (r) => {
      const e = extras[r];
      return e && Object.hasOwn(e, key) ? e[key] : col(r);
    };
  };

  // The store's keys in the order add() row by row would first see them: by the first row holding
  // each key, then by its place in that row's properties (featureOfRow's order, read from that row).
  const keys = [...new Set([...Object.keys(base), ...extraKeys])].filter((k) => k !== '__proto__');
  const values = new Map(keys.map((k) => [k, valueByRow(k)]));
  const firstRow = new Map<string, number>();
  for (const k of keys) {
    const c = coded.get(k)?.codes;
    if (c) {
      const r = c.findIndex((x) => x !== 0);
      if (r >= 0) firstRow.set(k, r);
      continue;
    }
    const v = values.get(k) as (r: number) => unknown;
    for (let r = 0; r < n; r++)
      if (v(r) !== undefined) {
        firstRow.set(k, r);
        break;
      }
  }
  const placeIn = new Map<number, string[]>();
  const placeOf = (k: string): number => {
    const r = firstRow.get(k) as number;
    let ks = placeIn.get(r);
    if (!ks) {
      ks = Object.keys(source.feature(order[r]).properties);
      placeIn.set(r, ks);
    }
    return ks.indexOf(k);
  };
  const storeKeys = keys
    .filter((k) => firstRow.has(k))
    .map((k) => ({ k, row: firstRow.get(k) as number, at: placeOf(k) }))
    .sort((a, b) => a.row - b.row || a.at - b.at)
    .map((e) => e.k);
  const rowProps = (r: number): Record<string, unknown> => {
    const p: Record<string, unknown> = {};
    for (const k of storeKeys) {
      const v = (values.get(k) as (r: number) => unknown)(r);
      if (v !== undefined) p[k] = v;
    }
    return p;
  };
  const props = new PropertyStoreBuilder(n, 0, { derived: { id: (r) => ids[r] }, projections: ['original'] });
  for (const k of storeKeys) {
    const c = coded.get(k);
    if (c) props.addCodedColumn(k, c.codes, values.get(k) as (r: number) => unknown);
    else if (k === 'id' && plain(k)) props.addDerivedColumn(k);
    else props.addColumn(k, values.get(k) as (r: number) => unknown, rowProps);
  }

  // What the columns keep beside the store: weapon, magnitude, precision, place, members.
  const weaponOf = values.get('weapon') ?? (() => undefined);
  const figure = (k: string): ((r: number) => unknown) => values.get(k) ?? (() => undefined);
  const [injured, killed, damaged] = [figure('injured'), figure('killed'), figure('buildings_damaged')];
  const precisionOf = figure('place_precision_km');
  const weapon = new Uint8Array(n);
  const magnitude = new Float32Array(n);
  const placePrecisionKm = new Float32Array(n);
  const weaponCodes = coded.get('weapon');
  if (weaponCodes) {
    // Each distinct weapon looked up once.
    const byCode = new Int16Array(weaponCodes.size).fill(-1);
    for (let r = 0; r < n; r++) {
      const c = weaponCodes.codes[r];
      let w = byCode[c];
      if (w < 0) w = byCode[c] = WEAPON_CODE.get(weaponOf(r) as Weapon) ?? UNKNOWN_WEAPON;
      weapon[r] = w;
    }
  } else for (let r = 0; r < n; r++) weapon[r] = WEAPON_CODE.get(weaponOf(r) as Weapon) ?? UNKNOWN_WEAPON;
  const FIGURES = ['injured', 'killed', 'buildings_damaged'];
  if (FIGURES.every(plain) && plain('place_precision_km')) {
    // Straight from the number columns (NULL: NaN, no value): the same sum in the same order.
    const none = new Float64Array(n).fill(NaN);
    const [a, b, c] = FIGURES.map((k) => (has(k) ? numbers(k) : none));
    for (let r = 0; r < n; r++) {
      const x = a[r];
      const y = b[r];
      const z = c[r];
      magnitude[r] = (Number.isNaN(x) ? 0 : x) + (Number.isNaN(y) ? 0 : y) + (Number.isNaN(z) ? 0 : z);
    }
    placePrecisionKm.set(numbers('place_precision_km'));
  } else
    for (let r = 0; r < n; r++) {
      // strikeMagnitude's sum, on the same values.
      magnitude[r] = ((injured(r) ?? 0) as number) + ((killed(r) ?? 0) as number) + ((damaged(r) ?? 0) as number);
      placePrecisionKm[r] = precisionOf(r) as number;
    }
  const lon = numbers('lon');
  const lat = numbers('lat');
  const geometries = new Map<number, Geometry | null>();
  if (has('geometry')) {
    const text = texts('geometry');
    for (let r = 0; r < n; r++) {
      const t = text[r];
      if (typeof t !== 'string') continue;
      const g = JSON.parse(t) as Geometry | null;
      if (g === null) {
        geometries.set(r, null);
        lon[r] = lat[r] = NaN;
      } else if (g.type === 'Point' && g.coordinates.length === 2 && isPlainPointGeometry(g)) {
        [lon[r], lat[r]] = g.coordinates;
      } else {
        geometries.set(r, g);
        [lon[r], lat[r]] = anchorOf({ geometry: g } as AtlasFeature);
      }
    }
  }
  const idMember = new Uint8Array(n);
  const members = new Map<number, Record<string, unknown>>();
  const isMember = has('id_member') ? texts('id_member') : null;
  for (let r = 0; r < n; r++) {
    const more = featureMembers.get(r);
    if (!more) {
      if (isMember?.[r]) idMember[r] = 1;
      continue;
    }
    // The feature's own members as featureOfRow sets them and buildColumnsFrom reads them back.
    const f: Record<string, unknown> = {};
    if (isMember?.[r]) f.id = ids[r];
    Object.assign(f, more);
    let kept: Record<string, unknown> | undefined;
    for (const k in f) {
      if (NOT_STORED.has(k) || !Object.hasOwn(f, k)) continue;
      if (k === 'id' && f.id === ids[r]) idMember[r] = 1;
      else {
        kept ??= {};
        kept[k] = f[k];
      }
    }
    if (kept) members.set(r, kept);
  }

  const [titleOf, placeOfRow, summaryOf, sourcesOf] = ['title', 'place', 'summary', 'sources'].map(
    (k) => values.get(k) ?? (() => undefined),
  );
  // The sources' codes by their text (what the row's parsed sources come from).
  const sourceCodes = blockCodes(groups, 'sources', gk, gj, (v) => (typeof v === 'string' ? v : undefined), undefined);
  const search = blockSearchIndex(
    n,
    (r) =>
      ({
        title: titleOf(r),
        place: placeOfRow(r),
        summary: summaryOf(r),
        sources: sourcesOf(r),
      }) as Pick<AtlasProperties, 'title' | 'place' | 'summary' | 'sources'>,
    [coded.get('title'), coded.get('place'), coded.get('summary'), sourceCodes],
  );

  const rowsOfLayer = rowsByLayer(layer, layerCounts);
  return {
    n,
    ids: idList,
    start,
    end,
    layer,
    kind,
    lon,
    lat,
    weapon,
    magnitude,
    placePrecisionKm,
    geometries,
    idMember,
    members,
    props: props.build(),
    rowsOfLayer,
    rowOfId,
    search,
  };
}
