/**
 * What a page says after a successful POST → redirect (`?klart=<key>`): fixed sentences, so the URL
 * can carry nothing a third party could use to put text on the page.
 */
const NOTICES = new Map<string, string>([
  ['losenord', 'Ditt lösenord är bytt.'],
  ['sparat', 'Ändringarna är sparade.'],
  ['fortsatt', 'Du är inloggad igen och formuläret du skickade är sparat.'],
]);

export function registerNotices(entries: Record<string, string>): void {
  for (const [key, text] of Object.entries(entries)) {
    if (NOTICES.has(key) && NOTICES.get(key) !== text) throw new Error(`Notice ${key} is already registered with other text`);
    NOTICES.set(key, text);
  }
}

export function noticeText(key: unknown): string | undefined {
  return typeof key === 'string' ? NOTICES.get(key) : undefined;
}

/** A path with its notice: `withNotice('/remisser/1', 'registrerad')`. */
export function withNotice(path: string, key: string): string {
  if (!NOTICES.has(key)) throw new Error(`No notice ${key}`);
  return `${path}${path.includes('?') ? '&' : '?'}klart=${key}`;
}
