import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A Swedish phone number as the city prints it: area code, hyphen, the subscriber number in
 * groups ("08-508 05 097", "031-123 45 67", "070-123 45 67").
 *
 * libphonenumber-js knows the area codes (08, 031, 0480 …) and groups the subscriber number as
 * the Swedish standard does, pairs from the end ("08-508 050 97"). The city's own numbers differ
 * in one case: an eight-digit Stockholm number is written 3 + 2 + 3, the 508 exchange and its
 * extension ("08-508 05 097", as on every tjänsteutlåtande in ../shared/seeds). Anything that is
 * not a valid Swedish number (a foreign number, an extension alone) is printed as it was entered.
 */
export function formatSwedishPhone(input: string): string {
  const parsed = parsePhoneNumberFromString(input, 'SE');
  if (!parsed || !parsed.isValid() || parsed.country !== 'SE') return input.trim();
  const national = parsed.formatNational();
  const dash = national.indexOf('-');
  if (dash < 0) return national;
  const areaCode = national.slice(0, dash);
  const subscriber = national.slice(dash + 1).replace(/\s/g, '');
  if (areaCode === '08' && subscriber.length === 8) return `08-${subscriber.slice(0, 3)} ${subscriber.slice(3, 5)} ${subscriber.slice(5)}`;
  return national;
}
