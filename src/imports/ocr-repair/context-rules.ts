/**
 * Neighbour evidence for damage that yields a real word or a number. These only run in a document
 * that is OCR-damaged as a whole; each rule says when the context makes one reading clear.
 */

/** The words around a token, lower-case, with what separates them from it. */
export interface Neighbourhood {
  previous?: string;
  beforePrevious?: string;
  next?: string;
  afterNext?: string;
  /** The characters between the previous token and this one ("\n", " ", ". "). */
  gapBefore: string;
  /** The characters between this token and the next one. */
  gapAfter: string;
}

const MONTHS = new Set([
  'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec',
]);

/**
 * Words after which a "1" is a number: "Bilaga 1", "mellan 1 och 3", "punkt 1", "cirka 1 procent".
 * Prepositions are not among them ("med 1 tidigare", "av 1 samband" are "i"): a number after a
 * preposition is told by what follows it ("från 1 januari", "med 1 procent").
 */
const NUMBER_CONTEXT_BEFORE = new Set([
  'bilaga', 'bilagor', 'sida', 'sidan', 'punkt', 'kapitel', 'avsnitt', 'nr', 'nummer', 'steg', 'del', 'paragraf',
  'version', 'fas', 'etapp', 'kvartal', 'tertial', 'klass', 'nivå', 'niva', 'grupp', 'typ', 'figur', 'tabell', 'mål',
  'mal', 'alternativ', 'bild', 'rad', 'mellan', 'cirka', 'ca', 'drygt', 'knappt', 'nästan', 'nastan', 'totalt',
  'endast', 'minst', 'högst', 'hogst', 'kl', 'klockan', 'sfs', 'prop', 'dnr', 'ks', 'kap', 's', 'p', 'vecka',
]);

/** Words after which a "1" is a number: "1 januari", "1 procent", "1 000", "1 och 2". */
const NUMBER_CONTEXT_AFTER = new Set([
  'procent', 'kr', 'kronor', 'miljon', 'miljoner', 'miljard', 'miljarder', 'tkr', 'mnkr', 'mkr', 'st', 'stycken', 'år',
  'ar', 'gång', 'gang', 'gången', 'timme', 'timmar', 'dag', 'dagar', 'vecka', 'veckor', 'månad', 'manad', 'månader',
  'person', 'personer', 'barn', 'plats', 'platser', 'tim', 'min', 'km', 'm', 'kap', 'eller', 'och', 'till', 'av', 'kap',
]);

/** "1" standing for the word "i": between two words of running text, not in a number's place. */
export function oneIsWordI(around: Neighbourhood): boolean {
  const { previous, next } = around;
  if (previous === undefined || next === undefined) return false;
  // A number, a list item ("1."), a footnote marker at a paragraph's start: all keep their "1".
  if (/[.):,;/–-]/.test(around.gapAfter.trim().charAt(0) || ' ')) return false;
  if (/\n\s*\n/.test(around.gapBefore) || /[.!?:;]\s*$/.test(around.gapBefore)) return false;
  if (!/^\p{L}+$/u.test(previous) || !/^\p{L}+$/u.test(next)) return false;
  if (NUMBER_CONTEXT_BEFORE.has(previous) || NUMBER_CONTEXT_AFTER.has(next) || MONTHS.has(next)) return false;
  return true;
}

/** Numerals and quantifiers: "ar" after these is the noun "år" ("tre år", "per år", "flera år"). */
const YEAR_COUNTERS = new Set([
  'ett', 'två', 'tva', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'atta', 'nio', 'tio', 'elva', 'tolv', 'femton',
  'tjugo', 'flera', 'några', 'nagra', 'många', 'manga', 'per', 'varje', 'varannat',
]);
/** Words after which "ar" is "år" only when the clause ends or a year follows ("i år.", "detta år 2020"). */
const YEAR_DETERMINERS = new Set([
  'i', 'om', 'under', 'detta', 'förra', 'forra', 'nästa', 'nasta', 'samma', 'hela', 'innevarande', 'kommande',
  'senaste', 'första', 'forsta', 'andra', 'tredje', 'sista',
]);
/** Words that continue a clause after the noun "år" ("förra år har", "samma år och"), not after "är". */
const AFTER_YEAR = new Set(['sedan', 'och', 'har', 'hade', 'kommer', 'ska', 'skulle', 'blev', 'var']);

/** "ar" (or "dr", "&r" …) meant as "år" rather than "är". */
export function meansYear(around: Neighbourhood): boolean {
  const { previous, next } = around;
  if (next !== undefined && /^\d{4}$/.test(next)) return true;
  if (previous === undefined) return false;
  // A number right before counts the years ("13-26 år"), unless a comma or full stop ends its
  // phrase first ("… län 2020-2026, är utgångspunkten").
  if (/^\d+$/.test(previous)) return /^\s+$/.test(around.gapBefore);
  if (YEAR_COUNTERS.has(previous)) return true;
  if (!YEAR_DETERMINERS.has(previous)) return false;
  return next === undefined || /[.,;:!?]/.test(around.gapAfter) || AFTER_YEAR.has(next);
}

/** "bor" is the verb "to live" before a place ("som bor i", "bor kvar"); otherwise "bör". */
export function borMeansLives(around: Neighbourhood): boolean {
  // At a clause's end ("där barnet bor.") it is the verb as well: "bör" always has a verb after it.
  if (around.next === undefined || /[.,;:!?]/.test(around.gapAfter)) return true;
  return around.next !== undefined && ['i', 'på', 'pa', 'hos', 'kvar', 'tillsammans', 'själv', 'ensam', 'ensamma', 'hemma'].includes(around.next);
}

const PEOPLE = new Set(['kvinnor', 'flickor', 'pojkar', 'barn', 'unga', 'vuxna', 'äldre', 'aldre']);

/** "man" is "män" beside other groups of people ("kvinnor och man", "unga man"). */
export function manMeansMen(around: Neighbourhood): boolean {
  const { previous, beforePrevious, next, afterNext } = around;
  if (previous !== undefined && PEOPLE.has(previous)) return true;
  if (previous === 'och' && beforePrevious !== undefined && PEOPLE.has(beforePrevious)) return true;
  return next === 'och' && afterNext !== undefined && PEOPLE.has(afterNext);
}

/** "lan" after a place name in the genitive is "län" ("Stockholms län"), not "lån". */
export function meansCounty(around: Neighbourhood, previousWasCapitalised: boolean): boolean {
  return previousWasCapitalised && around.previous !== undefined && around.previous.endsWith('s') && /^\s+$/.test(around.gapBefore);
}
