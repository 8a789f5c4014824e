/**
 * The search box language, turned into a tsquery expression with bound parameters: the user's
 * text never becomes tsquery syntax, so `&|!():*'` and unbalanced quotes cannot break a query.
 *
 *   word word      both (AND)                      "a phrase"   words in this order (phraseto_tsquery)
 *   word OR word   either                          -word        without (also -"a phrase")
 *   pref*          words starting with pref (prefix match on the stemmed form, as to_tsquery does)
 *
 * Every word goes through the remiss_swedish configuration, so stemming ("boende" finds "boenden")
 * and missing diacritics ("vald i nara relationer") work the same for the text and the query.
 */
export const SEARCH_CONFIG = 'public.remiss_swedish';
export const MAX_QUERY_LENGTH = 500;
export const MAX_QUERY_TERMS = 32;
/** Shorter prefixes would make one query scan a large part of the index. */
export const MIN_PREFIX_LENGTH = 2;

type Term = { kind: 'words' | 'phrase' | 'prefix'; text: string; negated: boolean };
type Token = Term | { kind: 'or' };

export class SearchQueryError extends Error {}

/** Control characters (NUL included) cannot reach PostgreSQL text; anything else is fine to bind. */
export function cleanQueryText(raw: string): string {
  return raw.normalize('NFC').replace(/\p{Cc}/gu, ' ').trim();
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/u.test(text[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (text[i] === '-' && i + 1 < text.length && !/\s/u.test(text[i + 1])) {
      negated = true;
      i++;
    }
    if (text[i] === '"') {
      // An unbalanced quote runs to the end of the text.
      const end = text.indexOf('"', i + 1);
      const phrase = text.slice(i + 1, end === -1 ? undefined : end).replace(/\*/g, ' ');
      i = end === -1 ? text.length : end + 1;
      if (phrase.trim()) tokens.push({ kind: 'phrase', text: phrase, negated });
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/u.test(text[end]) && text[end] !== '"') end++;
    const word = text.slice(i, end);
    i = end;
    if (!negated && /^or$/i.test(word)) tokens.push({ kind: 'or' });
    else tokens.push(...wordTerms(word, negated));
  }
  return tokens;
}

/** "boend*" is a prefix; "lss-boend*" the words "lss" and the prefix "boend". */
function wordTerms(word: string, negated: boolean): Term[] {
  const match = /^(.*?)\*+$/su.exec(word);
  if (!match) return [{ kind: 'words', text: word, negated }];
  const chunks = match[1].match(/[\p{L}\p{N}]+/gu) ?? [];
  const last = chunks.pop();
  if (!last) return [];
  const rest: Term[] = chunks.length ? [{ kind: 'words', text: chunks.join(' '), negated }] : [];
  if (last.length < MIN_PREFIX_LENGTH) return [...rest, { kind: 'words', text: last, negated }];
  return [...rest, { kind: 'prefix', text: last, negated }];
}

/**
 * A SQL expression of type tsquery for the text, binding every piece of user text through `bind`.
 * AND binds tighter than OR ("a b OR c" is (a AND b) OR c), as in websearch_to_tsquery.
 */
export function tsqueryExpression(text: string, bind: (value: string) => string): string {
  const tokens = tokenise(text);
  const terms = tokens.filter((token) => token.kind !== 'or').length;
  if (terms > MAX_QUERY_TERMS) throw new SearchQueryError(`The search has ${terms} words and phrases; use at most ${MAX_QUERY_TERMS}.`);
  const groups: Term[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'or') groups.push([]);
    else groups[groups.length - 1].push(token);
  }
  const sql = groups
    .filter((group) => group.length > 0)
    .map((group) => group.map((term) => termSql(term, bind)).join(' && '))
    .map((group) => `(${group})`);
  return sql.length ? sql.join(' || ') : `''::tsquery`;
}

function termSql(term: Term, bind: (value: string) => string): string {
  const config = `'${SEARCH_CONFIG}'::regconfig`;
  // A prefix holds letters and digits only (see wordTerms), so ':*' is its only tsquery syntax.
  const sql =
    term.kind === 'phrase'
      ? `phraseto_tsquery(${config}, ${bind(term.text)})`
      : term.kind === 'prefix'
        ? `to_tsquery(${config}, ${bind(`${term.text}:*`)})`
        : `plainto_tsquery(${config}, ${bind(term.text)})`;
  return term.negated ? `(!! ${sql})` : sql;
}
