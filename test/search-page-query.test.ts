import fc from 'fast-check';
import { searchPageQuery, searchHref } from '../src/search/search-page-query';
import { searchQuery } from '../src/search/search.schemas';

/*
 * The search page's query string as the API's query: whatever is in the URL, the page either
 * searches with something GET /api/search accepts as it is, or says in Swedish what was wrong.
 */
const NAMES = ['q', 'typ', 'remiss', 'organisation', 'avsnitt', 'stallningstagande', 'status', 'fran', 'till', 'sida', 'other'];
const value = fc.oneof(fc.string(), fc.constantFrom('section', 'statement', 'consultation', 'tillstyrker', 'submitted', '2020-01-01', '2021-13-01', '00000000-0000-4000-8000-000000000000', 'sammanfattning', '-', '99999999'));
const urlQuery = fc.dictionary(fc.constantFrom(...NAMES), fc.oneof(value, fc.array(value, { maxLength: 4 })));

test('any query string: a search the API accepts, or Swedish errors naming the fields', () => {
  fc.assert(
    fc.property(urlQuery, (query) => {
      const parsed = searchPageQuery(query);
      // The search is the API schema's own output for the same parameters, given comma-separated.
      if (parsed.search) {
        const asApi = Object.fromEntries(Object.entries(parsed.search).map(([key, v]) => [key, Array.isArray(v) ? v.join(',') : v]));
        expect(searchQuery.parse(asApi)).toEqual(parsed.search);
        expect(parsed.search).toMatchObject({ q: parsed.text, limit: 25 });
      }
      for (const error of parsed.errors) {
        expect(NAMES).toContain(error.field);
        expect(error.message).not.toMatch(/must|required|invalid/i);
      }
      // The links the page builds from it lead back to the same filters.
      const link = new URL(searchHref(parsed.text, parsed.active), 'http://localhost').searchParams;
      const again = searchPageQuery(Object.fromEntries([...new Set(link.keys())].map((key) => [key, link.getAll(key)])));
      expect(again.active).toEqual(parsed.active);
      expect(again.text).toBe(parsed.text);
    }),
    { numRuns: 500 },
  );
});

test('a filter the API refuses is left out and named; the search still runs on the rest', () => {
  const parsed = searchPageQuery({ q: 'boende', fran: '2020-13-01', status: ['submitted', 'drafting'], typ: 'section' });
  expect(parsed.errors).toEqual([{ field: 'fran', message: 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2020-11-27.' }]);
  expect(parsed.search).toMatchObject({ q: 'boende', status: ['submitted', 'drafting'], kind: ['section'], limit: 25, offset: 0 });
  expect(parsed.search?.from).toBeUndefined();
  expect(searchPageQuery({ q: 'boende', fran: '2021-01-01', till: '2020-01-01' }).errors).toEqual([{ field: 'till', message: 'Till och med-datumet kan inte vara före från-datumet.' }]);
  expect(searchPageQuery({ q: 'x'.repeat(501) })).toMatchObject({ search: null, errors: [{ field: 'q' }] });
  expect(searchPageQuery({ q: '   ', status: 'submitted' })).toMatchObject({ search: null, errors: [] });
  expect(searchPageQuery({ q: 'boende', sida: '3' }).search).toMatchObject({ offset: 50, limit: 25 });
});
