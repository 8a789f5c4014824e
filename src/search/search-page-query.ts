import type { FormError } from '../web/form-errors';
import { offsetFor, urlWith, type Query } from '../web/list-links';
import { MAX_QUERY_LENGTH } from './search-query';
import { searchQuery, type SearchQuery } from './search.schemas';

export const SEARCH_PATH = '/sok';
const SEARCH_PAGE_SIZE = 25;

/**
 * The search page's query string (Swedish names, bookmarkable) and the API parameter each one is.
 * Lists are repeated parameters (?status=submitted&status=drafting), as checkboxes send them; the
 * API takes them comma-separated.
 */
export const SEARCH_PARAMS = {
  q: 'q',
  kind: 'typ',
  consultationId: 'remiss',
  organisationId: 'organisation',
  sectionKey: 'avsnitt',
  stance: 'stallningstagande',
  status: 'status',
  from: 'fran',
  to: 'till',
} as const satisfies Partial<Record<keyof SearchQuery, string>>;

type Field = keyof typeof SEARCH_PARAMS;
const LIST_FIELDS: ReadonlySet<Field> = new Set(['kind', 'stance', 'status']);

const DATE_MESSAGE = 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2020-11-27.';
/** What the user reads when the API's schema refuses a parameter (its messages are English). */
const MESSAGES: Record<Field, string> = {
  q: `Sökningen får vara högst ${MAX_QUERY_LENGTH} tecken.`,
  kind: 'Välj bland typerna i listan.',
  consultationId: 'Remissfiltret gick inte att läsa. Ta bort det och sök igen.',
  organisationId: 'Välj en organisation i listan.',
  sectionKey: 'Välj ett avsnitt i listan.',
  stance: 'Välj bland ställningstagandena i listan.',
  status: 'Välj bland statusarna i listan.',
  from: DATE_MESSAGE,
  to: DATE_MESSAGE,
};
const TO_BEFORE_FROM = 'Till och med-datumet kan inte vara före från-datumet.';

/** The values of a parameter, however often it was given (express gives a string or an array). */
export function paramValues(query: Query, name: string): string[] {
  const raw = query[name];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values.filter((value): value is string => typeof value === 'string').map((value) => value.trim()).filter(Boolean);
}

export interface SearchPageQuery {
  /** The service's query, or null when there is nothing to search for (no text, or the text itself is wrong). */
  search: SearchQuery | null;
  /** The text as typed (also when it was refused), for the search box. */
  text: string;
  errors: FormError[];
  /** The filters in effect: a mistyped one is left out (and named in the errors). */
  active: Partial<Record<Field, string[]>>;
}

/**
 * The page's query as the API's: parsed by the same schema as GET /api/search, so the page accepts
 * exactly what the API does. A filter the schema refuses is left out and named in the error summary;
 * the search still runs on the rest.
 */
export function searchPageQuery(query: Query): SearchPageQuery {
  const text = paramValues(query, SEARCH_PARAMS.q)[0] ?? '';
  const given: Partial<Record<Field, string[]>> = {};
  for (const field of Object.keys(SEARCH_PARAMS) as Field[]) {
    if (field === 'q') continue;
    const values = paramValues(query, SEARCH_PARAMS[field]);
    if (values.length) given[field] = LIST_FIELDS.has(field) ? values : values.slice(0, 1);
  }
  const errors: FormError[] = [];
  // The API pages up to offset 1,000,000; beyond that there is nothing to show anyway.
  const paging = { limit: SEARCH_PAGE_SIZE, offset: Math.min(offsetFor(query, SEARCH_PAGE_SIZE), 1_000_000) };
  const raw = () => ({ ...Object.fromEntries(Object.entries(given).map(([field, values]) => [field, values.join(',')])), ...paging, q: text || ' ' });
  // Twice at most: the second time without the filters the first refused.
  for (let attempt = 0; attempt < 2; attempt++) {
    const parsed = searchQuery.safeParse(raw());
    if (parsed.success) return { search: text ? parsed.data : null, text, errors, active: given };
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'q') as Field;
      if (field === 'q' && !text) continue; // nothing typed: the page explains the search instead
      if (!(field in SEARCH_PARAMS) || errors.some((error) => error.field === SEARCH_PARAMS[field])) continue;
      const toBeforeFrom = field === 'to' && given.from && given.to && issue.code === 'custom';
      errors.push({ field: SEARCH_PARAMS[field], message: toBeforeFrom ? TO_BEFORE_FROM : MESSAGES[field] });
      if (field === 'q') return { search: null, text, errors, active: given };
      delete given[field];
    }
  }
  return { search: null, text, errors, active: given };
}

/** The page's URL for a query: the text and the filters in effect, without the page number. */
export function searchHref(text: string, active: Partial<Record<Field, string[]>>, changes: Partial<Record<Field, string[] | undefined>> = {}): string {
  const query: Query = { [SEARCH_PARAMS.q]: text };
  for (const [field, values] of Object.entries({ ...active, ...changes }) as Array<[Field, string[] | undefined]>) {
    if (values?.length) query[SEARCH_PARAMS[field]] = values;
  }
  return urlWith(SEARCH_PATH, query, {});
}
