/** Word lists for readable, deterministic entity names. */
import type { Prng } from './prng.js';

const ADJECTIVES = [
  'Autumn',
  'Blue',
  'Bright',
  'Crisp',
  'Daily',
  'Evergreen',
  'Fresh',
  'Golden',
  'Happy',
  'Late',
  'Local',
  'Mega',
  'Night',
  'Prime',
  'Quick',
  'Smart',
  'Spring',
  'Summer',
  'Urban',
  'Winter',
] as const;

const NOUNS = [
  'Boost',
  'Deals',
  'Drive',
  'Flash',
  'Launch',
  'Loyalty',
  'Promo',
  'Push',
  'Reach',
  'Retarget',
  'Sale',
  'Spotlight',
  'Splash',
  'Sprint',
  'Surge',
  'Wave',
] as const;

/** Names that exercise UTF-8 and CSV/JSON escaping in whoever stores them. */
const AWKWARD_NAMES = [
  '春季促销 - 北京',
  'Café "Crème" Brûlée',
  'Müller & Söhne, GmbH',
  "O'Reilly's Back-to-School",
  'Ñandú 50% off',
] as const;

export function catchyName(rng: Prng, awkwardChance = 0): string {
  if (rng.chance(awkwardChance)) return rng.pick(AWKWARD_NAMES);
  return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
}

export const FIRST_NAMES = [
  'Ada',
  'Bruno',
  'Chen',
  'Dana',
  'Emeka',
  'Farah',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemal',
  'Lena',
  'Mateo',
  'Noor',
  'Olga',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
] as const;

export const LAST_NAMES = [
  'Andersen',
  'Bauer',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Hansen',
  'Ito',
  'Jansen',
  'Kowalski',
  'Li',
  'Moreau',
  'Nowak',
  'Okafor',
  'Petrov',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Weber',
] as const;
