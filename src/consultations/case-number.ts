/**
 * Diarienummer come in many real formats ("KS 2020/924", "3.1.1-723/2019", "1.5.1-135-2012",
 * "T 2010-313-01743", "2.2.2/171-2013"). They are stored verbatim; this normal form only serves
 * lookup and uniqueness: no "Dnr" prefix, no spaces, one kind of dash, upper case.
 */
export function normaliseCaseNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/^dnr[\s.:]*/i, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Letters (å, ä, ö too), digits, and the separators real Dnr use; at least one digit. */
export const CASE_NUMBER_PATTERN = /^(?=.*\p{N})[\p{L}\p{N}][\p{L}\p{N} .:/_\-\u2010-\u2015]*$/u;
