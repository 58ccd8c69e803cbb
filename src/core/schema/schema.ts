// The bundled data's schema: feature properties, layers, weapons and the figures a report can give.
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/**
 * How a layer is drawn (strike points, facility symbols, deployment areas, link arcs): the value of
 * a bundled feature's `layer` property. A kind names no layer: a layer is named by its
 * `LayerDef.key` (layers.ts), e.g. the bundled `strikes` layer is drawn as `strike`.
 */
export type LayerKind = 'strike' | 'facility' | 'deployment' | 'link';

/** Links: what the connection is (`from` supplies / deploys to / aligns with / was followed by `to`). */
export type Relation = 'supplies' | 'deploys' | 'aligns' | 'followed_by' | 'attacks';
export const RELATIONS: readonly Relation[] = ['supplies', 'deploys', 'aligns', 'followed_by', 'attacks'];
/** Links: how firmly the reports make the connection (see docs/data-format.md). */
export type Assertion = 'reported' | 'claimed' | 'disputed';
export const ASSERTIONS: readonly Assertion[] = ['reported', 'claimed', 'disputed'];

/** What a strike (an attack) used; `cyber` is an attack on computer systems, placed to the country or region hit. */
export type Weapon = 'missile' | 'drone' | 'mixed' | 'cyber' | 'unknown';
export const WEAPONS: readonly Weapon[] = ['missile', 'drone', 'mixed', 'cyber', 'unknown'];

export type DatePrecision = 'day' | 'range';

/** Numeric figures a report may give; every one optional, every one a non-negative number. */
export const FIGURE_FIELDS = [
  'injured',
  'killed',
  'buildings_damaged',
  'drones_launched',
  'drones_downed',
  'drones_lost',
  'missiles',
  'missiles_downed',
  'villages_attacked',
  'troops',
  'users_affected',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];

/** Human labels for the figures, for the details panel and the legend. */
export const FIGURE_LABELS: Record<FigureField, string> = {
  injured: 'Injured',
  killed: 'Killed',
  buildings_damaged: 'Buildings damaged',
  drones_launched: 'Drones launched',
  drones_downed: 'Drones shot down',
  drones_lost: 'Drones lost track of',
  missiles: 'Missiles',
  missiles_downed: 'Missiles shot down',
  villages_attacked: 'Villages attacked',
  troops: 'Troops',
  users_affected: 'Users affected',
};

/** The format of `admin_area` (ISO 3166-1 alpha-2, or ISO 3166-2 first-level). */
export const ADMIN_AREA_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

export type FigureQualifier = 'exactly' | 'at least' | 'more than' | 'about';

/**
 * One citation. Bundled data cites a seed report by file name (`seed`) with words copied verbatim
 * from it (`quote`); imported data may instead name an outlet (`name`) and give a `url`.
 */
export interface Source {
  seed?: string;
  name?: string;
  url?: string;
  quote?: string;
}

/** The properties every bundled feature carries (see docs/data-format.md). */
export interface AtlasProperties extends Partial<Record<FigureField, number>> {
  id: string;
  layer: LayerKind;
  title: string;
  summary: string;
  /** ISO date `YYYY-MM-DD`, inclusive. */
  start: string;
  /** ISO date `YYYY-MM-DD`, inclusive; `null` = still active (facilities and deployments only). */
  end: string | null;
  date_precision: DatePrecision;
  date_note: string;
  /**
   * Imported data only: true when the file gives no date at all (`start` and `end` are then empty
   * strings). The feature is shown at every time of the slider, in a layer labelled as undated.
   */
  timeless?: boolean;
  place: string;
  place_precision_km: number;
  /**
   * ISO 3166-2 code of the first-level unit the feature is placed to (`UA-48` Mykolaiv oblast, `RU-KRS`
   * Kursk oblast), or ISO 3166-1 alpha-2 of a whole country (`UA`) for a nationwide feature; drawn as that
   * unit's polygon (layers/region-layers.ts). Format: /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/ (ADMIN_AREA_PATTERN).
   */
  admin_area?: string;
  /** Where the geometry comes from when it is not simply the named place (e.g. a city centre standing for a site in it). */
  place_note?: string;
  /** Imported data: the dataset's own category (e.g. ACLED `sub_event_type`), which names its layer. */
  category?: string;
  /** Strikes: what hit the place. */
  weapon?: Weapon;
  /** Who carried it out, where the report says (e.g. `Russia`, `Ukraine`). */
  actor?: string;
  /** How a figure is qualified in the report, e.g. `{ "injured": "at least" }` for "at least 23". */
  figure_qualifiers?: Partial<Record<FigureField, FigureQualifier>>;
  /** Facilities: what the place makes. */
  produces?: string;
  /** True where the geometry is an approximation built from named places (see `area_note`). */
  approximate?: boolean;
  area_note?: string;
  /** Named places an approximate area was built from (gazetteer names). */
  area_places?: string[];
  /** Buffer radius in km used to build an approximate area. */
  area_buffer_km?: number;
  /** Links: where the connection starts, a feature id or a gazetteer place name (data/places.json). */
  from?: string;
  /** Links: where it points, a feature id or a gazetteer place name. */
  to?: string;
  relation?: Relation;
  /** Links: `reported` (stated, attributed and not contested), `claimed` (one side says), `disputed` (one side says, another denies). */
  assertion?: Assertion;
  /** Links: who says so, and who denies it, in plain words. */
  assertion_note?: string;
  sources: Source[];
}

/** A feature of the dataset; `geometry` is null for an imported feature not placed on the map (kept in the data and its exports). */
export type AtlasFeature = Feature<Geometry | null, AtlasProperties>;
export type AtlasCollection = FeatureCollection<Geometry, AtlasProperties>;
