// Reading a mapped field's text as one of our values: a layer kind from its name, a weapon from free text.
import type { LayerKind, Weapon } from '../schema/schema';
import { LAYER_KINDS } from './atlas-schema';

/** `strike`/`strikes`, `facility`/`facilities`, `deployment`/`deployments` in any case → the layer kind. */
export function layerOf(text: string): LayerKind | null {
  const t = text.trim().toLowerCase();
  for (const k of LAYER_KINDS) if (t === k) return k;
  if (t === 'strikes') return 'strike';
  if (t === 'facilities') return 'facility';
  if (t === 'deployments') return 'deployment';
  return null;
}

const DRONE_WORDS = /\b(drones?|uavs?|uas|shahed|shaheds|geran|quadcopters?|fpv|loitering munitions?|lancet)\b/i;
const MISSILE_WORDS = /\b(missiles?|iskander|kalibr|kinzhal|kh-\d+|ballistic|cruise missiles?)\b/i;

/** Weapon from free text: drone words, missile words, both (mixed), or null when neither is named. */
export function weaponFromText(text: string, missileOnly = false): Weapon | null {
  const drone = !missileOnly && DRONE_WORDS.test(text);
  const missile = MISSILE_WORDS.test(text);
  if (drone && missile) return 'mixed';
  if (drone) return 'drone';
  if (missile) return 'missile';
  return null;
}
