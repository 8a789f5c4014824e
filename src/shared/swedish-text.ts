/** The city's bodies named as common nouns: "Socialnämnden", "Stadsledningskontoret", "Stadsarkivet". */
const BODY_IN_DEFINITE_FORM = /^[\p{Lu}][\p{Ll}-]*(?: (?:och|för) [\p{Ll}-]+)*(?:nämnden|förvaltningen|kontoret|styrelsen|rådet|arkivet|kollegiet)$/u;
/** …and what belongs to one: "Kommunstyrelsens pensionärsråd". */
const OF_A_BODY = /^[\p{Lu}][\p{Ll}]*(?:nämndens|förvaltningens|kontorets|styrelsens) [\p{Ll}]/u;

/**
 * A name as written mid-sentence. The city's nämnder, förvaltningar and kontor are common nouns in
 * definite form ("remitterats till socialnämnden, miljö- och hälsoskyddsnämnden och
 * kommunstyrelsens pensionärsråd"); names that begin with a place ("Södermalms stadsdelsnämnd"),
 * and proper names of companies and organisations ("Fryshuset", "Länsstyrelsen Stockholm"), keep
 * their capital; give the organisation's kind where it is known, so a state agency named like a
 * body ("Socialstyrelsen", kind external) keeps it too.
 */
export function inRunningText(name: string, kind?: string): string {
  // A state agency or a company is a proper name even when it looks like a body ("Socialstyrelsen").
  if (kind && !CITY_BODY_KINDS.has(kind)) return name;
  return BODY_IN_DEFINITE_FORM.test(name) || OF_A_BODY.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** Organisation kinds that are the city's own nämnder, förvaltningar and råd. */
const CITY_BODY_KINDS = new Set(['committee', 'administration', 'council']);

/** "a, b och c": a Swedish list, no comma before "och". */
export function swedishList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** The first sentence of a text (up to the first ., ! or ? followed by a space and a capital). */
export function firstSentence(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  const match = /^(.+?[.!?])(?=\s+\p{Lu}|$)/u.exec(trimmed);
  return match ? match[1] : trimmed;
}

/** The genitive of a name: an s ("Södermalms stadsdelsnämnds", "Fryshusets"), none after s, x or z, and ":s" after an abbreviation ("Stockholms Stadshus AB:s"). */
export function genitive(name: string): string {
  const trimmed = name.trim();
  if (/[sxz]$/i.test(trimmed)) return trimmed;
  if (/[A-ZÅÄÖ0-9]$/.test(trimmed)) return `${trimmed}:s`;
  return `${trimmed}s`;
}
